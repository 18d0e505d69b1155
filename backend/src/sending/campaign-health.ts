import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sendJobs } from '../db/schema';
import { pauseWithReason } from '../campaigns/campaign-state-machine';
import type { CampaignRow } from '../campaigns/campaign-store';

/**
 * Campaign health: many failures in a row usually mean something is wrong with the list or the
 * account, so the campaign pauses and says so rather than burning through its recipients. Checked
 * after each message that gives up; replies/apply-incoming.ts has the same kind of rule for bounces.
 */

/** Of the campaign's last N finished messages, this many failing pauses it. */
const HEALTH_WINDOW = 10;
const HEALTH_FAILURES = 7;

export async function pauseIfUnhealthy(db: Database, campaign: Pick<CampaignRow, 'id'>, lastReason: string, now: Date): Promise<void> {
  const recent = await db
    .select({ status: sendJobs.status })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaign.id), inArray(sendJobs.status, ['sent', 'failed'])))
    .orderBy(desc(sendJobs.id))
    .limit(HEALTH_WINDOW);
  const failures = recent.filter((row) => row.status === 'failed').length;
  if (recent.length >= HEALTH_WINDOW && failures >= HEALTH_FAILURES) {
    await pauseWithReason(
      db,
      campaign,
      `Paused by iConnect: ${failures} of the last ${HEALTH_WINDOW} messages failed (latest: ${lastReason}). Check the list and the account, then resume.`,
      now,
    );
  }
}
