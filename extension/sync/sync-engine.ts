import { campaignSchema, type Campaign } from '../../shared/schemas/campaigns';
import { syncPageSchema } from '../../shared/schemas/sync';
import type { ApiClient } from '../api/api-client';
import type { CacheStore } from '../db/cache-store';
import type { CampaignEdit, IConnectDb, PendingEditRow, SyncConflictRow, SyncStateRow } from '../db/iconnect-db';
import type { MessageError } from '../messages/result';
import { sameJson, untouchedSince, valuesBefore, withEdit } from './campaign-edit';

export interface SyncStatus {
  /** Edits waiting for the server. */
  pending: number;
  conflicts: SyncConflictRow[];
  /** ISO 8601: the last time the change feed was read to its end. */
  syncedAt: string | null;
  /** Why the last sync stopped early (the server is unreachable…), in words. */
  lastError: string | null;
}

export interface SyncEngineDeps {
  db: IConnectDb;
  api: ApiClient;
  cache: CacheStore;
  now: () => Date;
}

/** Waits between attempts while the server cannot be reached: soon at first, then at most every 5 minutes. */
const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 5 * 60_000];
/** Pages of the change feed per sync; a long-offline extension catches up over a few syncs. */
const MAX_PAGES = 50;

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/**
 * Keeps the cache and the server in step. Edits the server could not take are queued (one row per
 * campaign, later edits merged in) and pushed in order with the version they were made from; the
 * change feed (`GET /api/sync`) is then read from the stored cursor, deletions included.
 *
 * A 409 is not yet a conflict: when the fields the user edited still hold what they held, someone
 * changed other fields and the edit is replayed on the new version. Otherwise the user's edit is
 * kept as a conflict, with the server's version beside it, until they choose.
 */
export function createSyncEngine({ db, api, cache, now }: SyncEngineDeps) {
  let running: Promise<SyncStatus> | null = null;
  const stamp = () => now().toISOString();
  const path = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

  /** Queues `edit` of `shown` (the campaign as the panel showed it) and lays it over the cached copy. */
  async function queueEdit(shown: Campaign, edit: CampaignEdit, baseVersion: number): Promise<Campaign> {
    return db.transaction('rw', db.pendingEdits, db.campaigns, async () => {
      const existing = await db.pendingEdits.where('campaignId').equals(shown.id).first();
      const row: PendingEditRow = existing
        ? {
            ...existing,
            edit: { ...existing.edit, ...edit },
            // `shown` carries the earlier edit: only fields edited for the first time take their "before" from it.
            before: { ...valuesBefore(shown, edit), ...existing.before },
            retryAt: stamp(),
          }
        : { campaignId: shown.id, baseVersion, edit, before: valuesBefore(shown, edit), queuedAt: stamp(), attempts: 0, retryAt: stamp(), lastError: null };
      await db.pendingEdits.put(row);
      const campaign = withEdit(shown, edit);
      const cached = await db.campaigns.get(shown.id);
      await db.campaigns.put({ id: campaign.id, updatedAt: campaign.updatedAt, campaign, fetchedAt: cached?.fetchedAt ?? stamp() });
      return campaign;
    });
  }

  async function hasPendingEdit(campaignId: string): Promise<boolean> {
    return (await db.pendingEdits.where('campaignId').equals(campaignId).count()) > 0;
  }

  /** Pushes due edits in order. Stops at the first sign the server is unreachable. */
  async function push(): Promise<string | null> {
    for (const pending of await db.pendingEdits.orderBy('seq').toArray()) {
      if (pending.retryAt > stamp()) continue;
      const stop = await pushOne(pending);
      if (stop) return stop;
    }
    return null;
  }

  async function pushOne(pending: PendingEditRow): Promise<string | null> {
    const sent = { ...pending.edit };
    let saved = await api.json({ method: 'PATCH', path: path(pending.campaignId), json: { ...sent, version: pending.baseVersion } }, campaignSchema);
    if (!saved.ok && saved.error.code === 'version-conflict') {
      const current = await api.json({ method: 'GET', path: path(pending.campaignId) }, campaignSchema);
      if (!current.ok) return current.error.code === 'not-found' ? keepAsConflict(pending, 'deleted', null, current.error) : retryLater(pending, current.error);
      if (!untouchedSince(current.value, pending.before)) {
        return keepAsConflict(pending, 'changed-elsewhere', current.value, {
          code: 'version-conflict',
          message: 'This campaign was also changed elsewhere while your edit waited to be saved.',
        });
      }
      saved = await api.json({ method: 'PATCH', path: path(pending.campaignId), json: { ...sent, version: current.value.version } }, campaignSchema);
    }
    if (saved.ok) return settle(pending.campaignId, sent, saved.value);
    switch (saved.error.code) {
      case 'not-found':
        return keepAsConflict(pending, 'deleted', null, saved.error);
      case 'invalid':
      case 'conflict':
        return keepAsConflict(pending, 'refused', await serverCopy(pending.campaignId), saved.error);
      default:
        // Unreachable, a server error, a token no longer accepted, a race with another save: later.
        return retryLater(pending, saved.error);
    }
  }

  /** The server took `sent`. An edit made meanwhile stays queued, on top of the new version. */
  async function settle(campaignId: string, sent: CampaignEdit, campaign: Campaign): Promise<null> {
    await db.transaction('rw', db.pendingEdits, db.campaigns, async () => {
      const latest = await db.pendingEdits.where('campaignId').equals(campaignId).first();
      if (latest?.seq !== undefined) {
        if (sameJson(latest.edit, sent)) await db.pendingEdits.delete(latest.seq);
        else await db.pendingEdits.put({ ...latest, baseVersion: campaign.version, before: valuesBefore(campaign, latest.edit) });
      }
    });
    await cache.putCampaign(campaign);
    return null;
  }

  async function keepAsConflict(pending: PendingEditRow, kind: SyncConflictRow['kind'], theirs: Campaign | null, error: MessageError): Promise<null> {
    await db.transaction('rw', db.pendingEdits, db.conflicts, async () => {
      // The latest row: the user may have typed more while the request was out.
      const latest = (await db.pendingEdits.where('campaignId').equals(pending.campaignId).first()) ?? pending;
      if (latest.seq !== undefined) await db.pendingEdits.delete(latest.seq);
      await db.conflicts.put({ campaignId: pending.campaignId, kind, edit: latest.edit, theirs, message: error.message, at: stamp() });
    });
    if (theirs) await cache.putCampaign(theirs);
    else if (kind === 'deleted') await cache.deleteCampaign(pending.campaignId);
    return null;
  }

  async function retryLater(pending: PendingEditRow, error: MessageError): Promise<string> {
    const delay = RETRY_DELAYS_MS[Math.min(pending.attempts, RETRY_DELAYS_MS.length - 1)]!;
    await db.pendingEdits.update(pending.seq!, {
      attempts: pending.attempts + 1,
      retryAt: new Date(now().getTime() + delay).toISOString(),
      lastError: error.message,
    });
    return error.message;
  }

  async function serverCopy(campaignId: string): Promise<Campaign | null> {
    const current = await api.json({ method: 'GET', path: path(campaignId) }, campaignSchema);
    return current.ok ? current.value : null;
  }

  const feedState = async (): Promise<SyncStateRow> => (await db.syncState.get('feed')) ?? { id: 'feed', cursor: 0, syncedAt: null, lastError: null };

  /** Reads the change feed from the stored cursor to its end (or MAX_PAGES). */
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

  async function status(): Promise<SyncStatus> {
    const [pending, conflicts, state] = await Promise.all([db.pendingEdits.count(), db.conflicts.toArray(), db.syncState.get('feed')]);
    return { pending, conflicts, syncedAt: state?.syncedAt ?? null, lastError: state?.lastError ?? null };
  }

  /** Push, then pull. Concurrent calls share one run. */
  function syncNow(): Promise<SyncStatus> {
    running ??= (async () => {
      const error = (await push()) ?? (await pull());
      if (error) {
        await db.syncState.put({ ...(await feedState()), lastError: error });
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
      if (keep === 'mine' && conflict.theirs) await queueEdit(conflict.theirs, conflict.edit, conflict.theirs.version);
    }
    return keep === 'mine' ? syncNow() : status();
  }

  return { queueEdit, hasPendingEdit, syncNow, status, resolve };
}
