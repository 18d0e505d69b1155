import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { TextSelection } from '@tiptap/pm/state';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { LinkBox } from './link-box';
import { chipsToTags, tagsToChips } from './merge-tag-html';
import { pastedStylesToMarkup } from './pasted-styles';
import { richTextExtensions } from './rich-text-extensions';
import { FormattingToolbar } from './formatting-toolbar';
import './rich-text.css';

/** What the campaign editor can ask of a message editor: the merge-tag picker and "go to" use it. */
export interface RichTextHandle {
  focus(): void;
  /** Inserts `{{ field }}` at the caret as a chip (inside the link there, if any). */
  insertTag(tag: string): void;
  /** Selects the link whose address is `address` and opens its address box; false when none has it. */
  openLink(address: string): boolean;
}

interface RichTextEditorProps {
  label: string;
  html: string;
  /** Read-only: launched campaigns keep what was sent (shared/schemas/campaign-editability.ts). */
  readOnly?: boolean;
  /** Said under the label when read-only, e.g. "Fixed after launch". */
  readOnlyHint?: string;
  /** The campaign's merge fields, offered in the link box. */
  fields: string[];
  onChange(html: string): void;
  onFocus?(): void;
  handle?: Ref<RichTextHandle>;
  testId: string;
}

/**
 * The message editor for the first message and every follow-up: Tiptap 3 (ProseMirror). Chosen
 * because ProseMirror parses every paste (Gmail, Google Docs, Word) through its schema, so pasted
 * HTML becomes our small set of tags by construction (Google Docs' `<b style="font-weight:normal"
 * id="docs-internal-guid-…">` wrapper is not bold: Tiptap's Bold rule excludes it); it is kept up,
 * has React bindings, undo history and the usual shortcuts (Ctrl+B, Ctrl+I, Ctrl+Z) built in; it
 * replaces `document.execCommand`, which is deprecated (issue 14).
 * The HTML view stays, for people who paste their own markup.
 */
export function RichTextEditor({ label, html, readOnly = false, readOnlyHint, fields, onChange, onFocus, handle, testId }: RichTextEditorProps) {
  const [htmlView, setHtmlView] = useState(false);
  const [link, setLink] = useState<{ address: string; existing: boolean } | null>(null);
  /** The HTML last written into or read from the editor, to tell a change from outside from typing. */
  const shown = useRef<string | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  // Parsed once: later values arrive through the effect below, not on every render.
  const [initialContent] = useState(() => toEditorHtml(html));
  const editor = useEditor({
    extensions: richTextExtensions,
    editable: !readOnly,
    content: initialContent,
    // The state is read with useEditorState where needed, not on every keystroke.
    shouldRerenderOnTransaction: false,
    // Our CSP refuses the <style> tag Tiptap would add; its base CSS is in rich-text.css.
    injectCSS: false,
    editorProps: {
      attributes: () => ({
        id: testId,
        class: 'field__input rich-text__area',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': `${testId}-label`,
        ...(readOnlyRef.current ? { 'aria-readonly': 'true' } : {}),
        'data-testid': testId,
      }),
      // Styles become tags first (CSP hides them from the parser), and a pasted `{{company}}` a chip.
      transformPastedHTML: toEditorHtml,
    },
    onCreate: ({ editor: created }) => {
      shown.current = html;
      created.view.dom.setAttribute('spellcheck', 'true');
    },
    onUpdate: ({ editor: updated }) => {
      const next = updated.isEmpty ? '' : chipsToTags(updated.getHTML());
      shown.current = next;
      changed.current(next);
    },
    onFocus: () => onFocus?.(),
  });

  // A new value from outside (a reload, the HTML view) replaces the content; our own echo does not.
  useEffect(() => {
    if (!editor || htmlView || html === shown.current) return;
    editor.commands.setContent(toEditorHtml(html), { emitUpdate: false });
    shown.current = html;
  }, [editor, html, htmlView]);

  useEffect(() => {
    // setEditable re-reads the attributes, so aria-readonly follows too.
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly, false);
    if (readOnly) setLink(null);
  }, [editor, readOnly]);

  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            bold: current.isActive('bold'),
            italic: current.isActive('italic'),
            link: current.isActive('link'),
            bulletList: current.isActive('bulletList'),
            orderedList: current.isActive('orderedList'),
            canUndo: current.can().undo(),
            canRedo: current.can().redo(),
          }
        : null,
  });

  function openLinkBox() {
    if (!editor) return;
    const existing = editor.isActive('link');
    if (existing) editor.chain().extendMarkRange('link').run();
    const href = existing ? String(editor.getAttributes('link').href ?? '') : '';
    setLink({ address: href || 'https://', existing });
  }

  useImperativeHandle(
    handle,
    () => ({
      focus: () => {
        if (htmlView) setHtmlView(false);
        editor?.commands.focus();
        editor?.view.dom.scrollIntoView({ block: 'center' });
      },
      insertTag: (tag) => {
        editor?.chain().focus().insertMergeTag(tag).run();
      },
      openLink: (address) => {
        if (!editor) return false;
        const range = findLink(editor, address);
        if (!range) return false;
        setHtmlView(false);
        editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)).scrollIntoView());
        editor.view.dom.scrollIntoView({ block: 'center' });
        setLink({ address, existing: true });
        return true;
      },
    }),
    [editor, htmlView],
  );

  const afterLink = () => {
    setLink(null);
    editor?.commands.focus();
  };

  return (
    <div className="rich-text" data-testid={`${testId}-editor`}>
      <div className="row row--between">
        <span className="field__label" id={`${testId}-label`}>
          {label}
        </span>
        <button type="button" className="link-button" aria-pressed={htmlView} onClick={() => setHtmlView(!htmlView)} data-testid={`${testId}-html-toggle`}>
          HTML view
        </button>
      </div>
      {readOnly && readOnlyHint && <p className="muted rich-text__readonly">{readOnlyHint}</p>}
      {!htmlView && !readOnly && editor && active && <FormattingToolbar editor={editor} active={active} controls={testId} onLink={openLinkBox} />}
      {link && editor && !readOnly && (
        <LinkBox
          initial={link.address}
          existing={link.existing}
          fields={fields}
          testId={testId}
          onApply={(address) => {
            // Applies to the selection (or the whole link being edited); with nothing selected the
            // address itself is inserted as the link's text.
            const chain = editor.chain().focus();
            if (editor.state.selection.empty && !link.existing) {
              chain.insertContent({ type: 'text', text: address, marks: [{ type: 'link', attrs: { href: address } }] }).run();
            } else chain.extendMarkRange('link').setLink({ href: address }).run();
            setLink(null);
          }}
          onRemove={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            setLink(null);
          }}
          onClose={afterLink}
        />
      )}
      {htmlView ? (
        <textarea
          className="field__input rich-text__html"
          aria-labelledby={`${testId}-label`}
          value={html}
          readOnly={readOnly}
          aria-readonly={readOnly || undefined}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          data-testid={`${testId}-html`}
        />
      ) : (
        <EditorContent editor={editor} />
      )}
    </div>
  );
}

/**
 * HTML as the editor reads it, stored or pasted: styles become the tags they mean (the CSP hides
 * them from the parser) and `{{tags}}` in the text become chips.
 */
function toEditorHtml(html: string): string {
  return tagsToChips(pastedStylesToMarkup(html));
}

/** The document range of the first link whose address is `address` (as written, tags kept). */
function findLink(editor: Editor, address: string): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found && pos > found.to) return false;
    const mark = node.marks.find((m) => m.type.name === 'link' && m.attrs.href === address);
    if (!mark) return true;
    if (!found) found = { from: pos, to: pos + node.nodeSize };
    else if (pos === found.to) found.to = pos + node.nodeSize;
    return true;
  });
  return found;
}
