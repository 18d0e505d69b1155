import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sendJobs } from '../db/schema';

/**
 * The next due job of `campaignId` that `accountId` may send: an unassigned first message (any of
 * the campaign's accounts may take it) or a follow-up in a thread this account started.
 * Served by send_jobs_due (status, campaign_id, due_at).
 */
export async function nextDueJob(db: Database, campaignId: string, accountId: string, now: Date) {
  const [job] = await db
    .select({ id: sendJobs.id })
    .from(sendJobs)
    .where(
      and(
        eq(sendJobs.status, 'queued'),
        eq(sendJobs.campaignId, campaignId),
        lte(sendJobs.dueAt, now),
        or(isNull(sendJobs.accountId), eq(sendJobs.accountId, accountId)),
      ),
    )
    .orderBy(asc(sendJobs.dueAt), asc(sendJobs.id))
    .limit(1);
  return job?.id ?? null;
}
