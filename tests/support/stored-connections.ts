import type { WebWorker } from 'puppeteer-core';

/**
 * The rows of the background's IndexedDB `connection` table (extension/db/iconnect-db.ts), read
 * inside the service worker: where the extension keeps the server URL and the API token. Empty
 * before the database or the table exists.
 *
 * @example
 * expect(await storedConnections(chromium.worker)).toEqual([]);
 */
export function storedConnections(worker: WebWorker): Promise<Array<Record<string, unknown>>> {
  return worker.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolveRows, reject) => {
        const request = indexedDB.open('iconnect');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('connection')) {
            db.close();
            resolveRows([]);
            return;
          }
          const all = db.transaction('connection', 'readonly').objectStore('connection').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolveRows(all.result);
          };
        };
      }),
  );
}
