import { decodeCsvFile, parseRecipientsCsv } from '../../../shared/recipients-csv';
import { LISTED_INVALID, SAMPLE_ROWS, type CsvSummary } from './csv-protocol';

/**
 * What the panel shows of a file before upload, from its bytes: the server's own decoding (strict
 * UTF-8; an image or a program is "not a CSV file" before any column is offered) and parser, so the
 * counts match what the server will import. `text` is what gets uploaded ('' when the file cannot be).
 *
 * @example
 * const { summary, text } = summariseCsv(new Uint8Array(await file.arrayBuffer()), { maxRows: IMPORT_LIMITS.maxRows });
 */
export function summariseCsv(bytes: Uint8Array, options: { maxRows: number; emailColumn?: string | undefined }): { summary: CsvSummary; text: string } {
  const decoded = decodeCsvFile(bytes);
  if (!decoded.ok) return { summary: decoded, text: '' };
  const parsed = parseRecipientsCsv(decoded.text, options);
  if (!parsed.ok) return { summary: parsed, text: '' };
  return {
    summary: {
      ok: true,
      emailColumn: parsed.emailColumn,
      fields: parsed.fields,
      rows: parsed.rows.length,
      // Plain objects: a prototype-free record (a `__proto__` column) is copied key by key.
      sample: parsed.rows.slice(0, SAMPLE_ROWS).map(({ row, email, fields }) => ({ row, email, fields: { ...fields } })),
      invalid: parsed.invalid.slice(0, LISTED_INVALID),
      invalidCount: parsed.invalid.length,
      duplicates: parsed.duplicates,
      delimiter: parsed.delimiter,
    },
    text: decoded.text,
  };
}
