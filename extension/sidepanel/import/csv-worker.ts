import { parseRecipientsCsv } from '../../../shared/recipients-csv';
import { LISTED_INVALID, SAMPLE_ROWS, type CsvSummary, type CsvWorkerMessage, type CsvWorkerRequest } from './csv-protocol';

/**
 * Reads and parses a CSV off the panel's main thread, with the same parser the server uses, so the
 * counts shown before upload match what the server will import. Reports read progress as it goes.
 */
const scope = self as unknown as { postMessage(message: CsvWorkerMessage): void; onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null };

scope.onmessage = (event) => {
  void handle(event.data).catch((error: unknown) => scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
};

async function handle({ file, maxRows, emailColumn }: CsvWorkerRequest): Promise<void> {
  const text = await readWithProgress(file);
  const parsed = parseRecipientsCsv(text, { maxRows, emailColumn });
  const summary: CsvSummary = parsed.ok
    ? {
        ok: true,
        emailColumn: parsed.emailColumn,
        fields: parsed.fields,
        rows: parsed.rows.length,
        sample: parsed.rows.slice(0, SAMPLE_ROWS).map(({ row, email, fields }) => ({ row, email, fields: { ...fields } })),
        invalid: parsed.invalid.slice(0, LISTED_INVALID),
        invalidCount: parsed.invalid.length,
        duplicates: parsed.duplicates,
      }
    : parsed;
  scope.postMessage({ kind: 'done', summary, text });
}

async function readWithProgress(file: File): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    text += decoder.decode(value, { stream: true });
    // Report at most ~50 times; posting each 64 KB chunk would flood the panel.
    if (loaded - lastReport > file.size / 50 || loaded === file.size) {
      lastReport = loaded;
      scope.postMessage({ kind: 'progress', loaded, total: file.size });
    }
  }
  return text + decoder.decode();
}
