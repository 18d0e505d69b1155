import browser from 'webextension-polyfill';
import { connectionRoutes } from '../connection/connection-routes';
import { createConnectionStore } from '../connection/connection-store';
import { IConnectDb } from '../db/iconnect-db';
import { createMessageRouter } from './message-router';
import { openPanelOnActionClick } from './side-panel';

/** How long the user waits for a server before we call it unreachable. */
const SERVER_TIMEOUT_MS = 10_000;

/**
 * Wires the background. Runs on every service-worker start, so listeners are
 * registered synchronously here: Chrome only delivers the event that woke the
 * worker to listeners added in the first turn.
 */
export function startBackground(): void {
  openPanelOnActionClick().catch((error: unknown) => console.error('[iconnect] side panel behaviour', error));

  const db = new IConnectDb();
  const store = createConnectionStore(db);
  const router = createMessageRouter({
    routes: {
      ...connectionRoutes({
        fetch: globalThis.fetch.bind(globalThis),
        store,
        now: () => new Date(),
        timeoutMs: SERVER_TIMEOUT_MS,
      }),
    },
    extension: { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') },
    onError: (error, type) => console.error(`[iconnect] ${type} failed`, error),
  });
  browser.runtime.onMessage.addListener(router);
}
