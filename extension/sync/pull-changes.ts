import { syncPageSchema } from '../../shared/schemas/sync';
import type { SyncStateRow } from '../db/iconnect-db';
import type { SyncEngineDeps } from './sync-deps';

/** Pages of the change feed per sync; a long-offline extension catches up over a few syncs. */
const MAX_PAGES = 50;

export type ChangePuller = ReturnType<typeof createChangePuller>;

/**
 * The pull half of the sync: reads the change feed (`GET /api/sync`) from the stored cursor,
 * deletions included, into the cache; the cursor is stored after each page applied.
 */
export function createChangePuller({ db, api, cache, now }: SyncEngineDeps) {
  const stamp = () => now().toISOString();

  const feedState = async (): Promise<SyncStateRow> => (await db.syncState.get('feed')) ?? { id: 'feed', cursor: 0, syncedAt: null, lastError: null };

  /** Reads the change feed from the stored cursor to its end (or MAX_PAGES). Returns why it stopped early, if it did. */
  async function pull(): Promise<string | null> {
    const state = await feedState();
    let cursor = state.cursor;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await api.json({ method: 'GET', path: '/api/sync', query: { since: String(cursor) } }, syncPageSchema);
      if (!page.ok) return page.error.message;
      if (page.value.reset) {
        // The server's database is not the one our cursor came from: start again, and let the feed say what exists.
        await cache.replaceCampaigns([]);
        cursor = 0;
        continue;
      }
      const put = page.value.changes.flatMap((change) => (change.deleted ? [] : [change.campaign]));
      const deleted = page.value.changes.flatMap((change) => (change.deleted ? [change.id] : []));
      await cache.applyChanges({ put, deleted });
      cursor = page.value.cursor;
      await db.syncState.put({ ...state, cursor, lastError: null });
      if (!page.value.more) {
        await db.syncState.put({ id: 'feed', cursor, syncedAt: stamp(), lastError: null });
        return null;
      }
    }
    return null;
  }

  return { pull, feedState };
}
