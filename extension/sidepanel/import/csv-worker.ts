import type { CsvWorkerMessage, CsvWorkerRequest } from './csv-protocol';
import { summariseCsv } from './summarise-csv';

/**
 * Reads and parses a CSV off the panel's main thread, with the same decoding and parser the server
 * uses ({@link summariseCsv}), so the counts shown before upload match what the server will import.
 * Reports read progress as it goes.
 */
const scope = self as unknown as { postMessage(message: CsvWorkerMessage): void; onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null };

scope.onmessage = (event) => {
  void handle(event.data).catch((error: unknown) => scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
};

async function handle({ file, maxRows, emailColumn }: CsvWorkerRequest): Promise<void> {
  const bytes = await readWithProgress(file);
  const { summary, text } = summariseCsv(bytes, { maxRows, emailColumn });
  scope.postMessage({ kind: 'done', summary, text });
}

/** The file's bytes (decoded afterwards, strictly, as a whole: see shared/recipients-csv/decode-csv-file.ts). */
async function readWithProgress(file: File): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > bytes.byteLength) throw new Error('The file changed while it was being read. Choose it again.');
    bytes.set(value, loaded);
    loaded += value.byteLength;
    // Report at most ~50 times; posting each 64 KB chunk would flood the panel.
    if (loaded - lastReport > file.size / 50 || loaded === file.size) {
      lastReport = loaded;
      scope.postMessage({ kind: 'progress', loaded, total: file.size });
    }
  }
  return bytes.subarray(0, loaded);
}
