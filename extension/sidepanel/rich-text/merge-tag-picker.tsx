import { useId, useState } from 'react';

interface MergeTagPickerProps {
  fields: string[];
  disabled?: boolean;
  /** The visible label; the button says "Insert". */
  label?: string;
  /** Inserts `{{field}}` where the user is writing (no spaces: it may go in a link's address). */
  onInsert(tag: string): void;
  testId?: string;
}

/** The campaign's merge fields (its CSV columns) as tags to insert; offered only once recipients exist. */
export function MergeTagPicker({ fields, disabled, label = 'Merge tag', onInsert, testId = 'merge-tag' }: MergeTagPickerProps) {
  const id = useId();
  const [field, setField] = useState('');
  if (fields.length === 0) {
    return <p className="muted">Import recipients to get merge tags from your CSV columns, e.g. <code>{'{{ first name }}'}</code>.</p>;
  }
  const chosen = field || fields[0] || '';
  return (
    <div className="row merge-tags">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input merge-tags__select" value={chosen} disabled={disabled} onChange={(event) => setField(event.target.value)} data-testid={`${testId}-field`}>
        {fields.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {/* mousedown kept from taking the focus, so the caret stays where the tag goes. */}
      <button type="button" className="link-button" disabled={disabled} onMouseDown={(event) => event.preventDefault()} onClick={() => onInsert(`{{${chosen}}}`)} data-testid={`${testId}-insert`}>
        Insert
      </button>
    </div>
  );
}
