import type { Routes } from '../router/message-router';
import { ok } from '../messages/result';
import type { SyncEngine } from './sync-engine';

type SyncRoutes = Pick<Routes, 'sync/status' | 'sync/now' | 'sync/resolve'>;

/** `sync/*`: what is waiting to sync, a sync on demand, and the user's choice on a conflict. */
export function syncMessageRoutes(sync: SyncEngine): SyncRoutes {
  return {
    'sync/status': { access: 'extension-pages', handle: async () => ok(await sync.status()) },
    'sync/now': { access: 'extension-pages', handle: async () => ok(await sync.syncNow()) },
    'sync/resolve': { access: 'extension-pages', handle: async ({ campaignId, keep }) => ok(await sync.resolve(campaignId, keep)) },
  };
}
