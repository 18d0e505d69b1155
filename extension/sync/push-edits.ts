import { campaignSchema, type Campaign } from '../../shared/schemas/campaigns';
import { sameJson, untouchedSince, valuesBefore, withEdit } from '../db/campaign-edit';
import type { CampaignEdit, PendingEditRow, SyncConflictRow } from '../db/iconnect-db';
import type { MessageError } from '../messages/result';
import type { SyncEngineDeps } from './sync-deps';

/** Waits between attempts while the server cannot be reached: soon at first, then at most every 5 minutes. */
const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 5 * 60_000];

export type EditPusher = ReturnType<typeof createEditPusher>;

/**
 * The push half of the sync. Edits the server could not take are queued (one row per campaign,
 * later edits merged in) and pushed in order with the version they were made from.
 *
 * A 409 is not yet a conflict: when the fields the user edited still hold what they held, someone
 * changed other fields and the edit is replayed on the new version. Otherwise the user's edit is
 * kept as a conflict, with the server's version beside it, until they choose.
 */
export function createEditPusher({ db, api, cache, now }: SyncEngineDeps) {
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

  /** Pushes due edits in order. Stops at the first sign the server is unreachable, with why. */
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

  return { queueEdit, hasPendingEdit, push };
}
