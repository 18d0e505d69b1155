import { and, asc, eq } from 'drizzle-orm';
import { UNCERTAIN_LISTED, type UncertainMessage } from '../../../shared/schemas/uncertain-messages';
import type { Database } from '../db/database';
import { recipients, sendJobs } from '../db/schema';

/**
 * The campaign's messages waiting for the user's answer (status 'uncertain': an attempt may have gone
 * out from an account that cannot read its mailbox), oldest first, at most {@link UNCERTAIN_LISTED}:
 * the progress lists them with their job ids, so the panel can offer "I found it in Sent", "Send it
 * again" and "Skip" (sending/resolve-uncertain.ts). Served by send_jobs_due (status, campaign_id, …):
 * it reads only the uncertain jobs, however many the campaign has.
 *
 * @example const waiting = await uncertainMessages(deps.db, campaign.id);
 */
export async function uncertainMessages(db: Database, campaignId: string): Promise<UncertainMessage[]> {
  const rows = await db
    .select({ jobId: sendJobs.id, recipient: recipients.email, step: sendJobs.step, reason: sendJobs.statusReason })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.status, 'uncertain'), eq(sendJobs.campaignId, campaignId)))
    .orderBy(asc(sendJobs.id))
    .limit(UNCERTAIN_LISTED);
  return rows.map((row) => ({ ...row, reason: row.reason ?? '' }));
}
