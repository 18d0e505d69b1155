import { and, asc, eq, gt, inArray, max } from 'drizzle-orm';
import type { SyncChange, SyncPage } from '../../../shared/schemas/sync';
import { campaigns, syncChanges } from '../db/schema';
import type { AppDeps } from '../deps';
import { recipientCounts, toCampaign } from '../campaigns/campaign-store';

/**
 * A page of the user's change feed after `since` (see `sync_changes` in db/schema.ts). Each
 * changed campaign comes as it is now, so a client that missed ten edits gets one row.
 */
export async function changesSince(deps: Pick<AppDeps, 'db'>, userId: string, since: number, limit: number): Promise<SyncPage> {
  const rows = await deps.db
    .select()
    .from(syncChanges)
    .where(and(eq(syncChanges.userId, userId), gt(syncChanges.seq, since)))
    .orderBy(asc(syncChanges.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  if (page.length === 0 && since > 0) {
    // Nothing newer: either the client is up to date, or its cursor is from a database this one is not.
    const [newest] = await deps.db.select({ seq: max(syncChanges.seq) }).from(syncChanges);
    if ((newest?.seq ?? 0) < since) return { cursor: 0, more: false, reset: true, changes: [] };
    return { cursor: since, more: false, reset: false, changes: [] };
  }

  const liveIds = page.filter((row) => !row.deleted).map((row) => row.entityId);
  const live = liveIds.length === 0 ? [] : await deps.db.select().from(campaigns).where(and(eq(campaigns.userId, userId), inArray(campaigns.id, liveIds)));
  const counts = await recipientCounts(deps, live.map((row) => row.id));
  const byId = new Map(live.map((row) => [row.id, row]));
  const changes = page.map((row): SyncChange => {
    const campaign = byId.get(row.entityId);
    // A row deleted between the two reads above is reported as deleted: its deletion has a later seq anyway.
    return row.deleted || !campaign
      ? { entity: 'campaign', id: row.entityId, deleted: true }
      : { entity: 'campaign', id: row.entityId, deleted: false, campaign: toCampaign(campaign, counts.get(campaign.id)) };
  });
  return { cursor: page.at(-1)?.seq ?? since, more: rows.length > limit, reset: false, changes };
}
