import type { Editor } from '@tiptap/react';
import { useRef, type KeyboardEvent, type MouseEvent } from 'react';

interface ActiveState {
  bold: boolean;
  italic: boolean;
  link: boolean;
  bulletList: boolean;
  orderedList: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

interface Command {
  key: string;
  /** The visible label, which is also the accessible name (axe: label-content-name-mismatch). */
  label: string;
  /** The shortcut and what it does, as a tooltip: never a name different from the label. */
  title: string;
  pressed?: boolean;
  disabled?: boolean;
  run(): void;
}

/**
 * Bold, italic, link, lists, undo and redo. One toolbar tab stop; arrow keys move between its
 * buttons (WAI-ARIA toolbar pattern). Shortcuts work in the text itself (Tiptap's keymaps).
 */
export function FormattingToolbar({ editor, active, controls, onLink }: { editor: Editor; active: ActiveState; controls: string; onLink(): void }) {
  const bar = useRef<HTMLDivElement | null>(null);
  const commands: Command[] = [
    { key: 'bold', label: 'Bold', title: 'Bold (Ctrl+B)', pressed: active.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: 'Italic', title: 'Italic (Ctrl+I)', pressed: active.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'link', label: 'Link', title: 'Link the selected text', pressed: active.link, run: onLink },
    { key: 'bullets', label: '• List', title: 'Bulleted list (Ctrl+Shift+8)', pressed: active.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'numbers', label: '1. List', title: 'Numbered list (Ctrl+Shift+7)', pressed: active.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: 'undo', label: 'Undo', title: 'Undo (Ctrl+Z)', disabled: !active.canUndo, run: () => editor.chain().focus().undo().run() },
    { key: 'redo', label: 'Redo', title: 'Redo (Ctrl+Shift+Z)', disabled: !active.canRedo, run: () => editor.chain().focus().redo().run() },
  ];
  // Keep the selection in the text when a button is pressed with the mouse.
  const keepSelection = (event: MouseEvent) => event.preventDefault();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (at + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    event.preventDefault();
    buttons[next]?.focus();
  };

  return (
    <div ref={bar} className="rich-text__toolbar" role="toolbar" aria-label="Formatting" aria-controls={controls} onKeyDown={onKeyDown}>
      {commands.map((command, index) => (
        <button
          key={command.key}
          type="button"
          className={`rich-text__button rich-text__button--${command.key}`}
          title={command.title}
          aria-pressed={command.pressed}
          disabled={command.disabled}
          // Roving tab stop: only the first button is in the Tab order.
          tabIndex={index === 0 ? 0 : -1}
          onMouseDown={keepSelection}
          onClick={command.run}
          data-testid={`${controls}-${command.key}`}
        >
          {command.label}
        </button>
      ))}
    </div>
  );
}
