import { useState } from 'react';

interface MergeTagPickerProps {
  fields: string[];
  disabled?: boolean;
  /** Inserts `{{ field }}` where the user is writing. */
  onInsert(tag: string): void;
}

/** The campaign's merge fields (its CSV columns) as tags to insert; offered only once recipients exist. */
export function MergeTagPicker({ fields, disabled, onInsert }: MergeTagPickerProps) {
  const [field, setField] = useState('');
  if (fields.length === 0) {
    return <p className="muted">Import recipients to get merge tags from your CSV columns, e.g. <code>{'{{ first name }}'}</code>.</p>;
  }
  const chosen = field || fields[0] || '';
  return (
    <div className="row merge-tags">
      <label className="field__label" htmlFor="merge-tag-field">
        Merge tag
      </label>
      <select id="merge-tag-field" className="field__input merge-tags__select" value={chosen} onChange={(event) => setField(event.target.value)} data-testid="merge-tag-field">
        {fields.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <button type="button" className="link-button" disabled={disabled} onMouseDown={(event) => event.preventDefault()} onClick={() => onInsert(`{{ ${chosen} }}`)} data-testid="merge-tag-insert">
        Insert
      </button>
    </div>
  );
}
