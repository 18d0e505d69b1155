import { useEffect, useRef, useState, type MouseEvent } from 'react';
import './campaign-editor.css';

interface BodyEditorProps {
  label: string;
  html: string;
  disabled?: boolean;
  onChange(html: string): void;
  /** Lets the merge-tag picker insert at the caret. */
  editorRef?: React.RefObject<HTMLDivElement | null>;
  testId: string;
}

type Command = { label: string; title: string; run(): void };

/**
 * A small rich-text editor: contentEditable with bold, italic, link and list buttons
 * (`document.execCommand`, deprecated but still the only built-in way; a real editor library can
 * replace this later), and an HTML view for people who paste their own markup.
 */
export function BodyEditor({ label, html, disabled = false, onChange, editorRef, testId }: BodyEditorProps) {
  const ownRef = useRef<HTMLDivElement | null>(null);
  const ref = editorRef ?? ownRef;
  const [htmlView, setHtmlView] = useState(false);
  /** The HTML we last wrote into or read from the editable element, to tell outside changes from typing. */
  const shown = useRef<string | null>(null);
  /** The text selected when "Link" was pressed, restored when the address is confirmed. */
  const savedRange = useRef<Range | null>(null);
  const [linkUrl, setLinkUrl] = useState<string | null>(null);

  function applyLink() {
    const url = (linkUrl ?? '').trim();
    setLinkUrl(null);
    // Only web, mail and merge-tag links: never javascript: or data: URLs.
    if (!/^(https?:\/\/\S+|mailto:\S+|\{\{)/i.test(url)) return;
    ref.current?.focus();
    const selection = document.getSelection();
    if (savedRange.current && selection) {
      selection.removeAllRanges();
      selection.addRange(savedRange.current);
    }
    exec('createLink', url);
  }

  useEffect(() => {
    const element = ref.current;
    if (!element || htmlView) return;
    if (shown.current !== html) {
      // Our own CSP has no 'unsafe-inline', and the editable area is our page: content the user
      // wrote or pasted is theirs, but scripts in it would not run (script-src 'self').
      element.innerHTML = html;
      shown.current = html;
    }
  }, [html, htmlView, ref]);

  const exec = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    read();
  };
  const read = () => {
    const element = ref.current;
    if (!element) return;
    shown.current = element.innerHTML;
    onChange(element.innerHTML);
  };
  const commands: Command[] = [
    { label: 'B', title: 'Bold (Ctrl+B)', run: () => exec('bold') },
    { label: 'I', title: 'Italic (Ctrl+I)', run: () => exec('italic') },
    {
      label: 'Link',
      title: 'Link the selected text',
      run: () => {
        // window.prompt is not reliable in a side panel: ask inline, remembering the selection.
        const selection = document.getSelection();
        savedRange.current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
        setLinkUrl('https://');
      },
    },
    { label: '• List', title: 'Bulleted list', run: () => exec('insertUnorderedList') },
    { label: '1. List', title: 'Numbered list', run: () => exec('insertOrderedList') },
  ];
  // Keep the selection in the editable area when a toolbar button is pressed with the mouse.
  const keepSelection = (event: MouseEvent) => event.preventDefault();

  return (
    <div className="body-editor">
      <div className="row row--between">
        <span className="field__label" id={`${testId}-label`}>
          {label}
        </span>
        <button type="button" className="link-button" aria-pressed={htmlView} onClick={() => setHtmlView(!htmlView)} data-testid={`${testId}-html-toggle`}>
          {htmlView ? 'Formatted view' : 'HTML view'}
        </button>
      </div>
      {!htmlView && (
        <div className="body-editor__toolbar" role="toolbar" aria-label="Formatting" aria-controls={testId}>
          {commands.map((command) => (
            <button key={command.label} type="button" title={command.title} aria-label={command.title} disabled={disabled} onMouseDown={keepSelection} onClick={command.run}>
              {command.label}
            </button>
          ))}
        </div>
      )}
      {linkUrl !== null && (
        <div className="row body-editor__link" role="group" aria-label="Link address">
          <input
            className="field__input"
            type="url"
            aria-label="Link address"
            value={linkUrl}
            autoFocus
            onChange={(event) => setLinkUrl(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                applyLink();
              } else if (event.key === 'Escape') setLinkUrl(null);
            }}
          />
          <button type="button" className="link-button" onClick={applyLink}>
            Add link
          </button>
          <button type="button" className="link-button" onClick={() => setLinkUrl(null)}>
            Cancel
          </button>
        </div>
      )}
      {htmlView ? (
        <textarea
          className="field__input body-editor__html"
          aria-labelledby={`${testId}-label`}
          value={html}
          disabled={disabled}
          spellCheck={false}
          onChange={(event) => {
            shown.current = null;
            onChange(event.target.value);
          }}
          data-testid={`${testId}-html`}
        />
      ) : (
        <div
          ref={ref}
          id={testId}
          className="field__input body-editor__area"
          role="textbox"
          aria-multiline="true"
          aria-labelledby={`${testId}-label`}
          contentEditable={!disabled}
          suppressContentEditableWarning
          onInput={read}
          onBlur={read}
          data-testid={testId}
        />
      )}
    </div>
  );
}
