import { useEffect, useId, useRef, useState } from 'react';
import { MergeTagPicker } from './merge-tag-picker';
import { isAllowedLinkAddress } from './link-address';

interface LinkBoxProps {
  /** The address shown when the box opens: the link's own, or `https://` for a new one. */
  initial: string;
  /** True when the selection is already a link: offers "Remove link". */
  existing: boolean;
  fields: string[];
  onApply(address: string): void;
  onRemove(): void;
  onClose(): void;
  testId: string;
}

/**
 * The address of the link being written or edited, inline (window.prompt is unreliable in a side
 * panel). Its own "Insert field" puts `{{ field }}` into the address at the caret (issue 14: a tag in
 * a link is per-recipient too, e.g. `https://x.test/offer?c={{company}}`).
 */
export function LinkBox({ initial, existing, fields, onApply, onRemove, onClose, testId }: LinkBoxProps) {
  const [address, setAddress] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const hintId = useId();

  // Focus moves to what the action opened: the address, selected so typing replaces it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [initial]);

  function apply() {
    const trimmed = address.trim();
    if (!isAllowedLinkAddress(trimmed)) {
      setProblem('Use an address starting with https://, http://, mailto: or a merge tag.');
      input.current?.focus();
      return;
    }
    onApply(trimmed);
  }

  function insertTag(tag: string) {
    const element = input.current;
    const start = element?.selectionStart ?? address.length;
    const end = element?.selectionEnd ?? start;
    setAddress(`${address.slice(0, start)}${tag}${address.slice(end)}`);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + tag.length, start + tag.length);
    });
  }

  return (
    <div className="stack link-box" role="group" aria-label="Link" data-testid={`${testId}-link-box`}>
      <div className="row link-box__row">
        <input
          ref={input}
          className="field__input"
          type="text"
          inputMode="url"
          aria-label="Link address"
          aria-invalid={problem ? true : undefined}
          aria-describedby={hintId}
          value={address}
          spellCheck={false}
          onChange={(event) => {
            setAddress(event.target.value);
            setProblem(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              apply();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onClose();
            }
          }}
          data-testid={`${testId}-link-address`}
        />
      </div>
      <p id={hintId} className={problem ? 'field__hint link-box__problem' : 'muted link-box__hint'} role={problem ? 'alert' : undefined}>
        {problem ?? 'https://, mailto: or a merge tag; fields in the address are filled per recipient.'}
      </p>
      <MergeTagPicker fields={fields} label="Insert field" onInsert={insertTag} testId={`${testId}-link-tag`} />
      <div className="row">
        <button type="button" className="link-button" onClick={apply} data-testid={`${testId}-link-apply`}>
          {existing ? 'Save link' : 'Add link'}
        </button>
        {existing && (
          <button type="button" className="link-button" onClick={onRemove} data-testid={`${testId}-link-remove`}>
            Remove link
          </button>
        )}
        <button type="button" className="link-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
