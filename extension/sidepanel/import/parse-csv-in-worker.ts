import type { CsvSummary, CsvWorkerMessage, CsvWorkerRequest } from './csv-protocol';

/**
 * Parses `file` in a Web Worker; `onProgress` gets the fraction read (0..1). Resolves with the
 * summary and the file's text, which is what gets uploaded.
 */
export function parseCsvInWorker(
  request: CsvWorkerRequest,
  onProgress: (fraction: number) => void,
): { done: Promise<{ summary: CsvSummary; text: string }>; cancel(): void } {
  const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
  const done = new Promise<{ summary: CsvSummary; text: string }>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<CsvWorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') onProgress(message.total > 0 ? message.loaded / message.total : 1);
      else {
        worker.terminate();
        if (message.kind === 'done') resolve({ summary: message.summary, text: message.text });
        else reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The file could not be read.'));
    };
  });
  worker.postMessage(request);
  return { done, cancel: () => worker.terminate() };
}
