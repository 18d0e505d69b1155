import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseRecipientsCsv } from '../../../shared/recipients-csv';
import { splitCsvForUpload } from './split-csv-for-upload';

/** What the server would import from the parts, rows renumbered as in the whole file. */
function importParts(text: string, perPart: number) {
  const parts = splitCsvForUpload(text, perPart, guessDelimiter(text));
  const rows: { row: number; email: string; fields: Record<string, string> }[] = [];
  const invalid: { row: number; value: string }[] = [];
  const unsent: [number, number][] = [];
  for (const part of parts) {
    if (!part.send) {
      unsent.push([part.firstRow, part.firstRow + part.records - 1]);
      continue;
    }
    const parsed = parseRecipientsCsv(part.text, { maxRows: 100_000 });
    if (!parsed.ok) throw new Error(`part refused: ${parsed.error}`);
    rows.push(...parsed.rows.map((row) => ({ row: row.row + part.rowShift, email: row.email, fields: { ...row.fields } })));
    invalid.push(...parsed.invalid.map((row) => ({ row: row.row + part.rowShift, value: row.value })));
  }
  return { parts, rows, invalid, unsent };
}

function importWhole(text: string) {
  const parsed = parseRecipientsCsv(text, { maxRows: 100_000 });
  if (!parsed.ok) throw new Error(parsed.error);
  return {
    rows: parsed.rows.map((row) => ({ row: row.row, email: row.email, fields: { ...row.fields } })),
    invalid: parsed.invalid.map((row) => ({ row: row.row, value: row.value })),
  };
}

const FILES: Record<string, string> = {
  'plain LF': 'email,name\n' + Array.from({ length: 23 }, (_, i) => `p${i}@x.test,P ${i}`).join('\n') + '\n',
  'CRLF, no final line break': 'Email,Note\r\n' + Array.from({ length: 9 }, (_, i) => `p${i}@x.test,n${i}`).join('\r\n'),
  'quoted line breaks and quotes': 'email,note\n' + Array.from({ length: 12 }, (_, i) => `p${i}@x.test,"line 1\r\nline ""${i}""\nline 3"`).join('\n') + '\n',
  'mixed endings, blank and invalid rows': '\ufeff\n\nemail;company\r\na@x.test;A\rnot-an-address;B\n\nb@x.test;"C;D"\r\n;;\nc@x.test;5" screen\n',
  'a quote inside an unquoted value': 'email,size\n' + Array.from({ length: 7 }, (_, i) => `p${i}@x.test,${i}" wide`).join('\n'),
};

describe('splitting a CSV for upload', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`imports the same rows with the same numbers as the whole file: ${name}`, () => {
      for (const perPart of [1, 2, 5, 1000]) {
        const { parts, rows, invalid, unsent } = importParts(text, perPart);
        const whole = importWhole(text);
        // Parts not sent hold only rows the whole file's check lists as invalid (the panel shows those).
        const inUnsent = (row: number) => unsent.some(([from, to]) => row >= from && row <= to);
        expect(whole.rows.filter((row) => inUnsent(row.row))).toEqual([]);
        expect({ rows, invalid }).toEqual({ rows: whole.rows, invalid: whole.invalid.filter((row) => !inUnsent(row.row)) });
        // Progress adds up to the file, byte for byte.
        expect(parts.reduce((sum, part) => sum + part.bytes, 0)).toBe(new TextEncoder().encode(text).byteLength);
      }
    });
  }

  it('sends a header-only file as one part and does not send parts with only blank rows', () => {
    expect(splitCsvForUpload('email,name\n', 10, ',')).toHaveLength(1);
    const parts = splitCsvForUpload('email,name\na@x.test,A\n,\n,\n , \n', 1, ',');
    expect(parts.filter((part) => part.send).map((part) => part.text)).toEqual(['email,name\na@x.test,A\n']);
  });

  it('makes parts of the size asked', () => {
    const text = 'email\n' + Array.from({ length: 2_500 }, (_, i) => `p${i}@x.test`).join('\n');
    expect(splitCsvForUpload(text, 1_000, guessDelimiter(text)).map((part) => part.records)).toEqual([1_000, 1_000, 500]);
  });
});
