import browser from 'webextension-polyfill';
import { meResponseSchema } from '../../shared/schemas/auth';
import { accountMessageRoutes } from '../accounts/account-routes';
import { createApiClient } from '../api/api-client';
import { attachmentMessageRoutes } from '../attachments/attachment-routes';
import { campaignMessageRoutes } from '../campaigns/campaign-routes';
import { composeMessageRoutes } from '../compose/compose-routes';
import { openCampaignIntents } from '../compose/open-campaign-intent';
import { createConnectionHealth } from '../connection/connection-health';
import { connectionMessageRoutes } from '../connection/connection-routes';
import { healthMessageRoutes } from '../connection/health-routes';
import { createConnectionStore } from '../connection/connection-store';
import { linkMessageRoutes } from '../connection/link-routes';
import { startLinkWatcher } from '../connection/start-link-watcher';
import { createCacheStore } from '../db/cache-store';
import { IConnectDb } from '../db/iconnect-db';
import { createRecipientCache } from '../recipients/recipient-cache';
import { recipientMessageRoutes } from '../recipients/recipient-routes';
import { suppressionMessageRoutes } from '../suppressions/suppression-routes';
import { createSyncEngine } from '../sync/sync-engine';
import { syncMessageRoutes } from '../sync/sync-routes';
import { startSyncTriggers } from '../sync/sync-triggers';
import { createMessageRouter } from '../router/message-router';
import { openPanelOnActionClick, openSidePanel } from './side-panel';

/** How long the user waits for a server before we call it unreachable. */
const SERVER_TIMEOUT_MS = 10_000;
/** The panel repeats a check while the server is away: each must fail fast, not hang for a minute. */
const CHECK_TIMEOUT_MS = 5_000;
/** A CSV import of 100,000 rows takes the server a while; other calls should be quick. */
const API_TIMEOUT_MS = 60_000;

/**
 * Wires the background. Runs on every service-worker start, so listeners are
 * registered synchronously here: Chrome only delivers the event that woke the
 * worker to listeners added in the first turn.
 */
export function startBackground(): void {
  openPanelOnActionClick().catch((error: unknown) => console.error('[iconnect] side panel behaviour', error));

  const db = new IConnectDb();
  const store = createConnectionStore(db);
  const now = () => new Date();
  const fetch = globalThis.fetch.bind(globalThis);
  const reconnected = new Set<() => void>();
  const health = createConnectionHealth(browser.storage.session, {
    now,
    onChange: (after, before) => {
      // Back after failing (or linked again): edits made meanwhile can go out now.
      if (after.state === 'online' && before.state !== 'online' && before.state !== 'unknown') for (const listener of reconnected) listener();
    },
  });
  const api = createApiClient({
    fetch,
    store,
    timeoutMs: API_TIMEOUT_MS,
    onOutcome: (serverUrl, outcome) => void health.report(serverUrl, outcome).catch((error: unknown) => console.error('[iconnect] connection health', error)),
  });
  const cache = createCacheStore(db, now);
  const sync = createSyncEngine({ db, api, cache, now });
  const connect = { fetch, store, now, timeoutMs: SERVER_TIMEOUT_MS, health };
  const linking = startLinkWatcher(connect, (error) => console.error('[iconnect] linking failed', error));
  const router = createMessageRouter({
    routes: {
      ...connectionMessageRoutes(connect),
      ...healthMessageRoutes({ health, check: () => api.json({ method: 'GET', path: '/api/me', timeoutMs: CHECK_TIMEOUT_MS }, meResponseSchema) }),
      ...linkMessageRoutes(linking),
      ...campaignMessageRoutes({ api, cache, sync }),
      ...syncMessageRoutes(sync),
      ...recipientMessageRoutes({ api, cache: createRecipientCache(db, now) }),
      ...suppressionMessageRoutes({ api }),
      ...attachmentMessageRoutes({ api }),
      ...accountMessageRoutes({
        api,
        cache,
        openTab: async (url) => {
          await browser.tabs.create({ url });
        },
      }),
      ...composeMessageRoutes({ api, cache, intents: openCampaignIntents(browser.storage.session, Date.now), openPanel: openSidePanel }),
    },
    extension: { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') },
    onError: (error, type) => console.error(`[iconnect] ${type} failed`, error),
  });
  browser.runtime.onMessage.addListener(router);
  startSyncTriggers(sync, {
    alarms: browser.alarms,
    onOnline: (listener) => globalThis.addEventListener('online', listener),
    onReconnect: (listener) => reconnected.add(listener),
  });
}
