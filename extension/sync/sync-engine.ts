import type { SyncConflictRow } from '../db/iconnect-db';
import { createChangePuller } from './pull-changes';
import { createEditPusher } from './push-edits';
import type { SyncEngineDeps } from './sync-deps';

export type { SyncEngineDeps } from './sync-deps';

export interface SyncStatus {
  /** Edits waiting for the server. */
  pending: number;
  conflicts: SyncConflictRow[];
  /** ISO 8601: the last time the change feed was read to its end. */
  syncedAt: string | null;
  /** Why the last sync stopped early (the server is unreachable…), in words. */
  lastError: string | null;
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/**
 * Keeps the cache and the server in step: first pushes the edits the server could not take yet
 * (push-edits.ts: queued per campaign, retried with back-off, replayed or kept as conflicts on a
 * 409), then reads the change feed from the stored cursor (pull-changes.ts).
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const { db } = deps;
  const edits = createEditPusher(deps);
  const feed = createChangePuller(deps);
  let running: Promise<SyncStatus> | null = null;

  async function status(): Promise<SyncStatus> {
    const [pending, conflicts, state] = await Promise.all([db.pendingEdits.count(), db.conflicts.toArray(), db.syncState.get('feed')]);
    return { pending, conflicts, syncedAt: state?.syncedAt ?? null, lastError: state?.lastError ?? null };
  }

  /** Push, then pull. Concurrent calls share one run. */
  function syncNow(): Promise<SyncStatus> {
    running ??= (async () => {
      const error = (await edits.push()) ?? (await feed.pull());
      if (error) {
        await db.syncState.put({ ...(await feed.feedState()), lastError: error });
      }
      return status();
    })().finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * The user's choice on a conflict: `mine` queues their edit again on the server's current
   * version (their fields win); `theirs` drops it.
   */
  async function resolve(campaignId: string, keep: 'mine' | 'theirs'): Promise<SyncStatus> {
    const conflict = await db.conflicts.get(campaignId);
    if (conflict) {
      await db.conflicts.delete(campaignId);
      if (keep === 'mine' && conflict.theirs) await edits.queueEdit(conflict.theirs, conflict.edit, conflict.theirs.version);
    }
    return keep === 'mine' ? syncNow() : status();
  }

  return { queueEdit: edits.queueEdit, hasPendingEdit: edits.hasPendingEdit, syncNow, status, resolve };
}
