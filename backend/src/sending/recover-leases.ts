import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sendJobs } from '../db/schema';

/**
 * A job still `sending` after its lease ran out belongs to a scheduler that died (or hung) between
 * claiming it and recording the outcome. Gmail may or may not have the message: it goes back to the
 * queue flagged for a mailbox check, keeping its account so the check looks in the right mailbox.
 */
export async function recoverExpiredLeases(db: Database, now: Date): Promise<number> {
  const recovered = await db
    .update(sendJobs)
    .set({
      status: 'queued',
      statusReason: 'The previous attempt was interrupted; the mailbox is checked before any resend.',
      verifyBeforeSend: true,
      leaseUntil: null,
      claimedBy: null,
    })
    .where(and(eq(sendJobs.status, 'sending'), lt(sendJobs.leaseUntil, now)))
    .returning({ id: sendJobs.id });
  return recovered.length;
}
