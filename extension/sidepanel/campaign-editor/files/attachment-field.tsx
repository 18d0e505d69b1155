import { useId } from 'react';
import { ColumnPicker } from '../column-picker';

interface AttachmentFieldProps {
  /** The campaign's imported columns (campaign.fields). */
  fields: readonly string[];
  value: string | null;
  onChange(value: string | null): void;
}

/**
 * "Each recipient's file is named in: [Invoice]" (issue 18): the column whose value names one of the
 * campaign's per-recipient files (inv-0042.pdf), like the consent column (consent-field.tsx). Saved
 * with the campaign; the preflight lists recipients whose named file is missing.
 */
export function AttachmentField({ fields, value, onChange }: AttachmentFieldProps) {
  const id = useId();
  const missing = value !== null && !fields.includes(value);
  const hint = missing
    ? `“${value}” is not among this campaign's imported columns: no recipient gets a per-recipient file.`
    : fields.length === 0
      ? 'Import recipients with a column of file names (e.g. Invoice: inv-0042.pdf) to choose it.'
      : 'Each recipient gets the file that column names, as written, plus the files every recipient gets.';
  return (
    <ColumnPicker
      id={id}
      label="Each recipient’s file is named in"
      noneLabel="No column (no per-recipient files)"
      fields={fields}
      selected={value ?? ''}
      missing={missing ? value : null}
      hint={hint}
      onChange={onChange}
      testId="attachment-field"
      hintTestId="attachment-field-hint"
    />
  );
}
