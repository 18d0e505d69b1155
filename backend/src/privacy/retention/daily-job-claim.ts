import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { dailyJobs } from '../../db/schema';

/**
 * Once-a-day work shared by every scheduler on one database (Node timers, Workers crons): a job
 * runs when its last full run is at least `intervalMs` old and nobody holds a live lease on it.
 * The claim is one conditional UPDATE, so of two schedulers asking at once exactly one gets it
 * (as for send jobs: sending/claims.ts). A holder that dies leaves a lease that simply expires.
 */

export type DailyJobClaim =
  | { claimed: true; leaseUntil: Date }
  /** Someone ran it recently or holds it now: `nextCheckAt` is the earliest it can be claimed. */
  | { claimed: false; nextCheckAt: Date };

/**
 * Claims `name` for `workerId` until `leaseUntil`, creating its row the first time. One round
 * trip: the insert and the conditional update go in one batch.
 *
 * @example const claim = await claimDailyJob(db, { name: 'retention', workerId, now, leaseUntil, intervalMs: DAY_MS })
 */
export async function claimDailyJob(
  db: Database,
  input: { name: string; workerId: string; now: Date; leaseUntil: Date; intervalMs: number },
): Promise<DailyJobClaim> {
  const dueBefore = new Date(input.now.getTime() - input.intervalMs);
  const [, claimed] = await db.batch([
    db.insert(dailyJobs).values({ name: input.name }).onConflictDoNothing(),
    db
      .update(dailyJobs)
      .set({ claimedBy: input.workerId, leaseUntil: input.leaseUntil })
      .where(
        and(
          eq(dailyJobs.name, input.name),
          or(isNull(dailyJobs.lastRunAt), lte(dailyJobs.lastRunAt, dueBefore)),
          or(isNull(dailyJobs.leaseUntil), lte(dailyJobs.leaseUntil, input.now)),
        ),
      )
      .returning({ name: dailyJobs.name }),
  ]);
  if (claimed.length === 1) return { claimed: true, leaseUntil: input.leaseUntil };
  const [row] = await db.select().from(dailyJobs).where(eq(dailyJobs.name, input.name));
  const dueAt = (row?.lastRunAt?.getTime() ?? 0) + input.intervalMs;
  const freeAt = row?.leaseUntil?.getTime() ?? 0;
  return { claimed: false, nextCheckAt: new Date(Math.max(dueAt, freeAt, input.now.getTime())) };
}

/**
 * Ends our hold on the job. `done`: the run finished, so the job is next due `intervalMs` after
 * `now`; otherwise it is released with work left, for the next tick of any scheduler. Answers
 * false when the lease was no longer ours (it expired and someone else took the job).
 */
export async function releaseDailyJob(db: Database, input: { name: string; workerId: string; now: Date; done: boolean }): Promise<boolean> {
  const rows = await db
    .update(dailyJobs)
    .set({ claimedBy: null, leaseUntil: null, ...(input.done ? { lastRunAt: input.now } : {}) })
    .where(and(eq(dailyJobs.name, input.name), eq(dailyJobs.claimedBy, input.workerId), sql`${dailyJobs.leaseUntil} IS NOT NULL`))
    .returning({ name: dailyJobs.name });
  return rows.length === 1;
}
