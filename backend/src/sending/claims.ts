import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { gmailAccounts, sendJobs } from '../db/schema';

/**
 * Two schedulers may share one database (several Node instances, or Workers cron overlapping).
 * Every claim is a conditional UPDATE that succeeds for exactly one of them: first the account's
 * send slot (so pacing holds across schedulers), then the job itself.
 */

/** Takes the account's next send slot if it is free at `now`; holds it until `holdUntil`. */
export async function claimAccountSlot(db: Database, accountId: string, now: Date, holdUntil: Date): Promise<boolean> {
  const result = await db
    .update(gmailAccounts)
    .set({ nextSendAt: holdUntil })
    .where(
      and(
        eq(gmailAccounts.id, accountId),
        eq(gmailAccounts.status, 'ok'),
        or(isNull(gmailAccounts.nextSendAt), lte(gmailAccounts.nextSendAt, now)),
        or(isNull(gmailAccounts.cooldownUntil), lte(gmailAccounts.cooldownUntil, now)),
      ),
    )
    .returning({ id: gmailAccounts.id });
  return result.length === 1;
}

/** Gives the slot back unused (no job could be claimed after all). */
export async function releaseAccountSlot(db: Database, accountId: string, at: Date): Promise<void> {
  await db.update(gmailAccounts).set({ nextSendAt: at }).where(eq(gmailAccounts.id, accountId));
}

/**
 * Claims a queued job for `accountId`. A step-0 job may still be unassigned (any of the campaign's
 * accounts can take it: that is the rotation); a follow-up keeps the account of its thread.
 */
export async function claimJob(
  db: Database,
  jobId: number,
  claim: { accountId: string; workerId: string; leaseUntil: Date },
) {
  const [job] = await db
    .update(sendJobs)
    .set({
      status: 'sending',
      accountId: claim.accountId,
      claimedBy: claim.workerId,
      leaseUntil: claim.leaseUntil,
      attempts: sql`${sendJobs.attempts} + 1`,
    })
    .where(
      and(
        eq(sendJobs.id, jobId),
        eq(sendJobs.status, 'queued'),
        or(isNull(sendJobs.accountId), eq(sendJobs.accountId, claim.accountId)),
      ),
    )
    .returning();
  return job ?? null;
}
