import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseRecipientsCsv } from '../../../shared/recipients-csv';
import type { ImportResult } from '../../../shared/schemas/recipients';
import { err, ok, type Result } from '../../messages';
import { splitCsvForUpload } from './split-csv-for-upload';
import { uploadCsvInParts, type UploadProgress } from './upload-csv-in-parts';

const CSV = 'email,name\n' + Array.from({ length: 25 }, (_, i) => `p${i % 20}@x.test,P${i}`).join('\n') + '\n';

/** A server that imports each part with the shared parser, keeps what it stored, and refuses part `refuse` (1-based). */
function server(refuse?: number) {
  const stored = new Set<string>();
  let calls = 0;
  return async (csv: string): Promise<Result<ImportResult>> => {
    calls++;
    if (calls === refuse) return err('server-error', 'The server had a problem.');
    const parsed = parseRecipientsCsv(csv, { maxRows: 1000 });
    if (!parsed.ok) return err('invalid', parsed.error);
    let imported = 0;
    for (const row of parsed.rows) if (!stored.has(row.key) && stored.add(row.key)) imported++;
    return ok({ imported, duplicates: parsed.duplicates + parsed.rows.length - imported, invalid: parsed.invalid, suppressed: 0, fields: parsed.fields });
  };
}

describe('uploading a CSV in parts', () => {
  it('moves the bar after each accepted part, ends at the whole file, and adds up what the server stored', async () => {
    const seen: UploadProgress[] = [];
    const outcome = await uploadCsvInParts(splitCsvForUpload(CSV, 10, guessDelimiter(CSV)), server(), (progress) => seen.push(progress));
    expect(outcome).toEqual({ ok: true, totals: { imported: 20, duplicates: 5, suppressed: 0 } });
    expect(seen.map((progress) => progress.rows)).toEqual([0, 10, 20, 25]);
    expect(seen.at(-1)).toEqual({ bytes: CSV.length, totalBytes: CSV.length, rows: 25, totalRows: 25 });
  });

  it('stops at a refused part, saying how far it got and what was imported', async () => {
    const outcome = await uploadCsvInParts(splitCsvForUpload(CSV, 10, guessDelimiter(CSV)), server(2), () => {});
    expect(outcome).toMatchObject({ ok: false, message: 'The server had a problem.', totals: { imported: 10 }, progress: { rows: 10, totalRows: 25 } });
  });
});
