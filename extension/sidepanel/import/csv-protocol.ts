import type { InvalidRow, RecipientsCsvError } from '../../../shared/recipients-csv';

/** Messages between the import screen and `csv-worker.ts`. */
export interface CsvWorkerRequest {
  file: File;
  maxRows: number;
  emailColumn?: string;
}

/** How much of a file the panel keeps to show; the server gets the whole file. */
export const SAMPLE_ROWS = 5;
export const LISTED_INVALID = 200;

export type CsvSummary =
  | {
      ok: true;
      emailColumn: string;
      fields: string[];
      /** Valid, distinct addresses. */
      rows: number;
      sample: Array<{ row: number; email: string; fields: Record<string, string> }>;
      /** The first {@link LISTED_INVALID} invalid rows. */
      invalid: InvalidRow[];
      invalidCount: number;
      duplicates: number;
      /** The delimiter the parser found, so the panel can cut the file into parts without a CSV parser of its own. */
      delimiter: string;
    }
  | RecipientsCsvError;

export type CsvWorkerMessage =
  | { kind: 'progress'; loaded: number; total: number }
  | { kind: 'done'; summary: CsvSummary; text: string }
  | { kind: 'failed'; message: string };
