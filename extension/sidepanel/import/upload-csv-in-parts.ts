import type { ImportResult } from '../../../shared/schemas/recipients';
import type { Result } from '../../messages';
import type { CsvUploadPart } from './split-csv-for-upload';

/** How far an upload is: bytes and rows of the file the server has accepted (or that needed no sending). */
export interface UploadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
  totalRows: number;
}

/** What the server stored, over every part. */
export type UploadTotals = Pick<ImportResult, 'imported' | 'duplicates' | 'suppressed'>;

export type UploadOutcome = { ok: true; totals: UploadTotals } | { ok: false; totals: UploadTotals; message: string; progress: UploadProgress };

/**
 * Uploads `parts` one after another through `send` (the background's `recipients/import`), reporting
 * progress after each part the server accepted: the bar is true, and reaches the end only when the
 * server has accepted the whole file. Each part is stored all or nothing by the server; when one is
 * refused, the parts before it stay imported, and the outcome says how far it got.
 */
export async function uploadCsvInParts(
  parts: readonly CsvUploadPart[],
  send: (csv: string) => Promise<Result<ImportResult>>,
  onProgress: (progress: UploadProgress) => void,
): Promise<UploadOutcome> {
  const progress: UploadProgress = {
    bytes: 0,
    totalBytes: parts.reduce((sum, part) => sum + part.bytes, 0),
    rows: 0,
    totalRows: parts.reduce((sum, part) => sum + part.records, 0),
  };
  const totals: UploadTotals = { imported: 0, duplicates: 0, suppressed: 0 };
  onProgress({ ...progress });
  for (const part of parts) {
    if (part.send) {
      const result = await send(part.text);
      if (!result.ok) return { ok: false, totals, message: result.error.message, progress: { ...progress } };
      totals.imported += result.value.imported;
      totals.duplicates += result.value.duplicates;
      totals.suppressed += result.value.suppressed;
    }
    progress.bytes += part.bytes;
    progress.rows += part.records;
    onProgress({ ...progress });
  }
  return { ok: true, totals };
}
