import { and, eq, exists, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { gmailAccounts, schedulerInstances, sendJobs } from '../db/schema';

const INTERRUPTED_REASON = 'The previous attempt was interrupted; the mailbox is checked before any resend.';

/**
 * A heartbeat (heartbeat.ts) older than this is a dead instance's: another may take over its
 * leases. Five missed beats (one every 2 s): a live instance on a busy machine is not mistaken for
 * a dead one, and after a crash sending resumes well within 15 s of the restart (issue 17) even
 * with the 5 s default tick, instead of when the 120 s lease runs out. Instances on different
 * machines need clocks that agree to within a few seconds (NTP does far better).
 */
export const STALE_AFTER_MS = 10_000;

/**
 * Gives back the leases of schedulers that are gone, in one batch (one round trip, one transaction):
 *
 * - a job still `sending` after its lease ran out (a scheduler that died or hung between claiming it
 *   and recording the outcome), or claimed by an instance whose heartbeat is older than
 *   `STALE_AFTER_MS` (heartbeat.ts: it died; no need to wait out the lease). Gmail may or may not
 *   have the message: it goes back to the queue flagged for a mailbox check, keeping its account so
 *   the check looks in the right mailbox. Exactly once holds as after an expired lease.
 * - the send slots those dead instances held (gmail_accounts.next_send_at in the future), so their
 *   accounts send again now rather than when the slot's hold runs out.
 * - the dead instances' heartbeat rows.
 *
 * A live instance beats every 2 s, so its jobs are never taken; `workerId`'s own are never either.
 * Returns how many jobs went back to the queue.
 */
export async function recoverLeases(db: Database, input: { now: Date; workerId: string }): Promise<number> {
  const staleBefore = new Date(input.now.getTime() - STALE_AFTER_MS);
  const dead = db
    .select({ id: schedulerInstances.id })
    .from(schedulerInstances)
    .where(and(lt(schedulerInstances.heartbeatAt, staleBefore), ne(schedulerInstances.id, input.workerId)));
  const ofDead = inArray(sendJobs.claimedBy, dead);
  const [, recovered] = await db.batch([
    freeSlotsOfJobs(db, ofDead, input.now),
    db
      .update(sendJobs)
      .set({ status: 'queued', statusReason: INTERRUPTED_REASON, verifyBeforeSend: true, leaseUntil: null, claimedBy: null })
      .where(and(eq(sendJobs.status, 'sending'), or(lt(sendJobs.leaseUntil, input.now), ofDead)))
      .returning({ id: sendJobs.id }),
    db.delete(schedulerInstances).where(and(lt(schedulerInstances.heartbeatAt, staleBefore), ne(schedulerInstances.id, input.workerId))),
  ]);
  return recovered.length;
}

/**
 * Frees, at `now`, the send slot of each account with a `sending` job matching `jobs`. The scheduler
 * that claimed such a job held the account's slot while sending it, until no later than the job's
 * lease end (tick.ts takes the slot first, then the job with a fresh lease); a slot that ends after
 * it was taken since by another scheduler once this one's hold ran out, and stays theirs. No
 * holder column is needed: the job says who held the slot.
 */
export function freeSlotsOfJobs(db: Database, jobs: SQL | undefined, now: Date) {
  const heldForJob = db
    .select({ one: sql`1` })
    .from(sendJobs)
    // `+account_id`: SQLite's way to keep a term off an index (sqlite.org/optoverview.html, "Disqualifying
    // WHERE clause terms using unary-+"), so the few `sending` jobs are read through send_jobs_due; by
    // send_jobs_sent_by_account it read every message the account ever sent, each tick (issue 17).
    .where(and(eq(sendJobs.status, 'sending'), sql`+${sendJobs.accountId} = ${gmailAccounts.id}`, jobs, lte(gmailAccounts.nextSendAt, sendJobs.leaseUntil)));
  return db
    .update(gmailAccounts)
    .set({ nextSendAt: now })
    .where(and(gt(gmailAccounts.nextSendAt, now), exists(heldForJob)));
}

/**
 * A clean stop (heartbeat.ts): the instance's leases go at once, and its heartbeat row with them.
 * After a finished tick it holds none; a tick that failed half-way (the database went away
 * mid-record) may have left a job `sending`, which goes back to the queue flagged for a mailbox
 * check, as after a crash.
 */
export async function releaseInstance(db: Database, input: { now: Date; workerId: string }): Promise<void> {
  const mine = eq(sendJobs.claimedBy, input.workerId);
  await db.batch([
    freeSlotsOfJobs(db, mine, input.now),
    db
      .update(sendJobs)
      .set({ status: 'queued', statusReason: INTERRUPTED_REASON, verifyBeforeSend: true, leaseUntil: null, claimedBy: null })
      .where(and(eq(sendJobs.status, 'sending'), mine)),
    db.delete(schedulerInstances).where(eq(schedulerInstances.id, input.workerId)),
  ]);
}

/**
 * When the next takeover can happen: the moment the oldest heartbeat of another instance that holds
 * a `sending` job turns stale. The loop (scheduler-loop.ts) wakes then instead of at its next
 * regular tick, so after a crash sending resumes as soon as the dead instance is known dead. A live
 * instance beats every 2 s, so its moment stays ~10 s ahead, beyond the regular tick: no extra ticks.
 * null when no other instance holds a job.
 */
export async function nextTakeoverAt(db: Database, workerId: string): Promise<Date | null> {
  const [row] = await db
    .select({ oldest: sql<number | null>`min(${schedulerInstances.heartbeatAt})` })
    .from(schedulerInstances)
    .where(
      and(
        ne(schedulerInstances.id, workerId),
        exists(db.select({ one: sql`1` }).from(sendJobs).where(and(eq(sendJobs.status, 'sending'), eq(sendJobs.claimedBy, schedulerInstances.id)))),
      ),
    );
  return row?.oldest == null ? null : new Date(Number(row.oldest) + STALE_AFTER_MS + 1);
}
