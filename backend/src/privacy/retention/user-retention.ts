import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { DAY_MS } from '../../limits/daily-limits';
import { inBatches, type WorkBudget } from './work-budget';

/** A user's retention periods (users.tracking_events_days, ip_address_days, finished_campaign_recipients_days). */
export type RetentionPeriods = { trackingEventsDays: number; ipAddressDays: number; finishedCampaignRecipientsDays: number | null };

export type RetentionCounts = {
  trackingEventsDeleted: number;
  /** Kept events whose IP address and user agent were removed. */
  ipAddressesRemoved: number;
  recipientsDeleted: number;
  /** Per-recipient files (campaign_attachments.shared = 0) of those campaigns: recipient data too. */
  recipientFilesDeleted: number;
  /** Finished campaigns whose recipients are now all gone. */
  campaignsEmptied: number;
};

export const NO_COUNTS: RetentionCounts = { trackingEventsDeleted: 0, ipAddressesRemoved: 0, recipientsDeleted: 0, recipientFilesDeleted: 0, campaignsEmptied: 0 };

/** Recipients go in smaller batches: each takes its send jobs and their links with it (ON DELETE CASCADE). */
const RECIPIENTS_PER_EVENT_BATCH = 1 / 5;
/**
 * Files a statement: a row may hold up to ~25 MB that `secure_delete` overwrites, so a statement
 * takes only a few of them and the write lock is let go between.
 */
const FILES_PER_BATCH = 5;

/**
 * Applies one user's retention periods at `now`, in batches, while `budget` allows:
 * 1. recipients of campaigns finished (completed or cancelled, no change since) longer ago than
 *    `finishedCampaignRecipientsDays`, when set: the recipients (their send jobs and links go by
 *    cascade), then the campaign's events, then its per-recipient files (each named by some
 *    recipient's attachment column: recipient data; the shared files stay with the campaign, as its
 *    text does); the campaign stays, with `recipients_deleted_at` saying when. A campaign emptied
 *    before files went with the recipients loses its per-recipient files on the next pass;
 * 2. tracking events older than `trackingEventsDays`;
 * 3. the IP address and user agent of kept events older than `ipAddressDays`. The user agent goes
 *    with the IP: the privacy policy lists both, and once the event is classified (`machine`)
 *    nothing reads it again;
 * 4. the IP address of audit log entries (failed sign-ins) older than `ipAddressDays`.
 * Every statement is conditional on the state it changes, so a pass cut short (or repeated by
 * another scheduler after a lost lease) leaves nothing half-true. `complete`: nothing is left.
 */
export async function applyUserRetention(
  db: Database,
  input: { userId: string; periods: RetentionPeriods; now: Date; budget: WorkBudget },
): Promise<{ counts: RetentionCounts; complete: boolean }> {
  const { userId, periods, now, budget } = input;
  const counts = { ...NO_COUNTS };
  const before = (days: number) => now.getTime() - days * DAY_MS;

  if (periods.finishedCampaignRecipientsDays !== null) {
    const finishedBefore = before(periods.finishedCampaignRecipientsDays);
    const finished = await db.all<{ id: string }>(sql`
      SELECT id FROM campaigns
      WHERE user_id = ${userId} AND status IN ('completed', 'cancelled') AND recipients_deleted_at IS NULL AND updated_at < ${finishedBefore}`);
    for (const { id } of finished) {
      const emptied = await emptyFinishedCampaign(db, { campaignId: id, now, budget });
      counts.trackingEventsDeleted += emptied.trackingEventsDeleted;
      counts.recipientsDeleted += emptied.recipientsDeleted;
      counts.recipientFilesDeleted += emptied.recipientFilesDeleted;
      if (!emptied.complete) return { counts, complete: false };
      counts.campaignsEmptied++;
    }
  }
  // Emptied earlier, by a pass that left per-recipient files (before they went too): campaign_attachments_one_name serves each.
  const leftFiles = await db.all<{ id: string }>(sql`
    SELECT id FROM campaigns c
    WHERE user_id = ${userId} AND recipients_deleted_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM campaign_attachments a WHERE a.campaign_id = c.id AND a.shared = 0)`);
  for (const { id } of leftFiles) {
    const files = await deleteRecipientFiles(db, id, budget);
    counts.recipientFilesDeleted += files.changed;
    if (!files.complete) return { counts, complete: false };
  }

  // Served by tracking_events_by_campaign_time (campaign_id, occurred_at) for each of the user's campaigns.
  const eventsBefore = before(periods.trackingEventsDays);
  const deleted = await inBatches(budget, budget.batchSize, async () =>
    rowsOf(
      await db.run(sql`
        DELETE FROM tracking_events WHERE id IN (
          SELECT id FROM tracking_events
          WHERE campaign_id IN (SELECT id FROM campaigns WHERE user_id = ${userId}) AND occurred_at < ${eventsBefore}
          LIMIT ${budget.batchSize})`),
    ),
  );
  counts.trackingEventsDeleted += deleted.changed;
  if (!deleted.complete) return { counts, complete: false };

  // A campaign created after the cut-off has no event older than it.
  const ipBefore = before(periods.ipAddressDays);
  const campaigns = await db.all<{ id: string }>(sql`SELECT id FROM campaigns WHERE user_id = ${userId} AND created_at < ${ipBefore}`);
  for (const { id } of campaigns) {
    const stripped = await stripOldAddresses(db, { campaignId: id, before: ipBefore, budget });
    counts.ipAddressesRemoved += stripped.changed;
    if (!stripped.complete) return { counts, complete: false };
  }

  // The audit log's failed sign-ins keep the address they came from for the same period: the
  // entry stays (what happened, when), the IP goes. A user's log is small: audit_log_by_user serves it.
  const [auditIps] = await db.all<{ any: number }>(
    sql`SELECT EXISTS (SELECT 1 FROM audit_log WHERE user_id = ${userId} AND ip_address IS NOT NULL AND occurred_at < ${ipBefore}) AS any`,
  );
  if (!auditIps?.any) return { counts, complete: true };
  const auditStripped = await inBatches(budget, budget.batchSize, async () =>
    rowsOf(
      await db.run(sql`
        UPDATE audit_log SET ip_address = NULL WHERE id IN (
          SELECT id FROM audit_log WHERE user_id = ${userId} AND ip_address IS NOT NULL AND occurred_at < ${ipBefore}
          LIMIT ${budget.batchSize})`),
    ),
  );
  counts.ipAddressesRemoved += auditStripped.changed;
  if (!auditStripped.complete) return { counts, complete: false };
  return { counts, complete: true };
}

/**
 * Removes IP and user agent from one campaign's events older than `before`, oldest first. Stripped
 * rows stay in the index range, so each batch starts where the last ended (`from`) instead of
 * reading them again.
 */
async function stripOldAddresses(db: Database, input: { campaignId: string; before: number; budget: WorkBudget }) {
  let from = 0;
  return inBatches(input.budget, input.budget.batchSize, async () => {
    const rows = await db.all<{ occurred_at: number }>(sql`
      UPDATE tracking_events SET ip_address = NULL, user_agent = NULL WHERE id IN (
        SELECT id FROM tracking_events
        WHERE campaign_id = ${input.campaignId} AND occurred_at >= ${from} AND occurred_at < ${input.before}
          AND (ip_address IS NOT NULL OR user_agent IS NOT NULL)
        ORDER BY occurred_at LIMIT ${input.budget.batchSize})
      RETURNING occurred_at`);
    // Rows at the last batch's latest instant may remain: `>=` finds them, the NULL test skips the stripped ones.
    for (const row of rows) from = Math.max(from, Number(row.occurred_at));
    return rows.length;
  });
}

/** Deletes a finished campaign's recipients and events, then marks it: the campaign itself stays. */
async function emptyFinishedCampaign(db: Database, input: { campaignId: string; now: Date; budget: WorkBudget }) {
  const { campaignId, budget } = input;
  const result = { trackingEventsDeleted: 0, recipientsDeleted: 0, recipientFilesDeleted: 0, complete: false };
  // Recipients first: once their send jobs are gone, no open or click of theirs can be recorded.
  const size = Math.max(1, Math.floor(budget.batchSize * RECIPIENTS_PER_EVENT_BATCH));
  const people = await inBatches(budget, size, async () =>
    rowsOf(await db.run(sql`DELETE FROM recipients WHERE id IN (SELECT id FROM recipients WHERE campaign_id = ${campaignId} LIMIT ${size})`)),
  );
  result.recipientsDeleted = people.changed;
  if (!people.complete) return result;
  const events = await inBatches(budget, budget.batchSize, async () =>
    rowsOf(
      await db.run(sql`
        DELETE FROM tracking_events WHERE id IN (SELECT id FROM tracking_events WHERE campaign_id = ${campaignId} LIMIT ${budget.batchSize})`),
    ),
  );
  result.trackingEventsDeleted = events.changed;
  if (!events.complete) return result;
  const files = await deleteRecipientFiles(db, campaignId, budget);
  result.recipientFilesDeleted = files.changed;
  if (!files.complete) return result;
  // A new version: the extension's sync feed (campaigns_sync_on_update) picks the change up.
  await db.run(sql`
    UPDATE campaigns SET recipients_deleted_at = ${input.now.getTime()}, updated_at = ${input.now.getTime()}, version = version + 1
    WHERE id = ${campaignId} AND recipients_deleted_at IS NULL`);
  result.complete = true;
  return result;
}

/**
 * A campaign's per-recipient files (shared = 0), a few a statement. The campaign is finished, so no
 * message will carry them again (a launched campaign's files never change: attachments/routes.ts).
 */
function deleteRecipientFiles(db: Database, campaignId: string, budget: WorkBudget) {
  const size = Math.max(1, Math.min(FILES_PER_BATCH, budget.batchSize));
  return inBatches(budget, size, async () =>
    rowsOf(
      await db.run(sql`
        DELETE FROM campaign_attachments WHERE id IN (
          SELECT id FROM campaign_attachments WHERE campaign_id = ${campaignId} AND shared = 0 LIMIT ${size})`),
    ),
  );
}

/** Rows a DELETE changed itself (SQLite's changes(): cascaded rows are not counted). */
function rowsOf(result: { rowsAffected: number }): number {
  return result.rowsAffected;
}
