import { and, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { recipients, sendJobs } from '../db/schema';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';

/*
 * The progress's reads over every job of a campaign (progress.ts), each a slice of ids at a time with
 * a pause between: a just-launched campaign has 100,000 queued jobs, and the launch answers with its
 * progress (issue 17).
 */

/** Jobs counted per statement: a few ms each, with a pause between. */
export const JOB_COUNT_SLICE = 10_000;

export type JobCount = { step: number; status: (typeof sendJobs.$inferSelect)['status']; accountId: string | null; n: number };

/**
 * A campaign's send jobs counted by step, status and account, a slice of ids at a time with a pause
 * between: one GROUP BY over the 100,000 jobs of a just-launched campaign held the event loop for
 * ~100 ms (issue 17: the launch answers with the campaign's progress). send_jobs_by_campaign
 * (campaign_id, id) finds each slice's end and serves its rows; a campaign of up to
 * {@link JOB_COUNT_SLICE} jobs is one statement, as before. The same rows as the one GROUP BY.
 *
 * @example const rows = await countJobs(deps.db, campaign.id);
 */
export async function countJobs(db: Database, campaignId: string): Promise<JobCount[]> {
  const counts = new Map<string, JobCount>();
  let after = 0;
  for (;;) {
    const [end] = await db.all<{ id: number }>(sql`SELECT id FROM send_jobs WHERE campaign_id = ${campaignId} AND id > ${after} ORDER BY id LIMIT 1 OFFSET ${JOB_COUNT_SLICE - 1}`);
    const rows = await db
      .select({ step: sendJobs.step, status: sendJobs.status, accountId: sendJobs.accountId, n: sql<number>`count(*)` })
      .from(sendJobs)
      .where(and(eq(sendJobs.campaignId, campaignId), gt(sendJobs.id, after), end === undefined ? undefined : lte(sendJobs.id, end.id)))
      .groupBy(sendJobs.step, sendJobs.status, sendJobs.accountId);
    for (const row of rows) {
      const key = JSON.stringify([row.step, row.status, row.accountId]);
      const seen = counts.get(key);
      if (seen) seen.n += row.n;
      else counts.set(key, { ...row });
    }
    if (end === undefined) return [...counts.values()];
    after = end.id;
    await yieldToEventLoop();
  }
}

/**
 * The campaign's latest jobs that failed or wait with a reason (newest first, at most `limit`), read
 * a slice of ids at a time from the newest with a pause between: over 100,000 queued jobs without a
 * reason, the one query read every job before answering nothing (issue 17). Slices found as in
 * {@link countJobs}; stops as soon as it has `limit`.
 */
export async function lastJobErrors(db: Database, campaignId: string, limit: number) {
  const found: { email: string; step: number; status: JobCount['status']; reason: string | null }[] = [];
  let below: number | null = null;
  for (;;) {
    const [end]: ({ id: number } | undefined)[] = await db.all<{ id: number }>(
      sql`SELECT id FROM send_jobs WHERE campaign_id = ${campaignId} ${below === null ? sql`` : sql`AND id < ${below}`} ORDER BY id DESC LIMIT 1 OFFSET ${JOB_COUNT_SLICE - 1}`,
    );
    const rows = await db
      .select({ email: recipients.email, step: sendJobs.step, status: sendJobs.status, reason: sendJobs.statusReason })
      .from(sendJobs)
      .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
      .where(
        and(
          eq(sendJobs.campaignId, campaignId),
          below === null ? undefined : sql`${sendJobs.id} < ${below}`,
          end === undefined ? undefined : sql`${sendJobs.id} >= ${end.id}`,
          inArray(sendJobs.status, ['failed', 'uncertain', 'queued']),
          isNotNull(sendJobs.statusReason),
        ),
      )
      .orderBy(desc(sendJobs.id))
      .limit(limit - found.length);
    found.push(...rows);
    if (found.length >= limit || end === undefined) return found;
    below = end.id;
    await yieldToEventLoop();
  }
}
