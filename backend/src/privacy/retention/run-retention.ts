import { asc } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import type { Database } from '../../db/database';
import { users } from '../../db/schema';
import { DAY_MS } from '../../limits/daily-limits';
import { recordAudit, SYSTEM } from '../../audit/record-audit';
import { claimDailyJob, releaseDailyJob } from './daily-job-claim';
import { applyUserRetention, type RetentionCounts } from './user-retention';
import { workBudget } from './work-budget';

export const RETENTION_JOB = 'retention';

/** 5,000 rows a statement: a few milliseconds of SQLite's write lock each. */
export const RETENTION_BATCH_SIZE = 5_000;
/** Statements that changed rows, per pass: up to 200,000 rows a tick; a larger backlog goes on next tick. */
export const RETENTION_BATCHES_PER_PASS = 40;
/** After a pass that failed (the database unreachable), try again this much later rather than every tick. */
const RETRY_AFTER_MS = 5 * 60_000;

export type RetentionDeps = Pick<AppDeps, 'db' | 'clock' | 'logger'> & {
  /** Names this scheduler in the claim (EngineDeps.workerId). */
  workerId: string;
  /** How long a claim stays ours; a pass stops starting statements at half of it. */
  leaseMs: number;
};

export type RetentionLimits = { batchSize?: number; batchesPerPass?: number };

export type RetentionPass =
  | { ran: false; nextCheckAt: Date }
  | {
      ran: true;
      /** false: work is left for the next tick (the budget ran out). */
      complete: boolean;
      /** Users that had something removed, and what. */
      removed: { userId: string; counts: RetentionCounts }[];
      nextCheckAt: Date;
    };

/**
 * One pass of the daily retention job: claims it (daily-job-claim.ts; nothing happens when another
 * scheduler ran it in the last 24 hours or holds it now), applies every user's own periods
 * (user-retention.ts) within a budget of batches, records one audit entry per user that had
 * something removed, and releases the claim: done for a day, or with work left for the next tick.
 *
 * @example const pass = await runRetentionPass({ db, clock, logger, workerId, leaseMs: 120_000 })
 */
export async function runRetentionPass(deps: RetentionDeps, limits: RetentionLimits = {}): Promise<RetentionPass> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);
  const claim = await claimDailyJob(deps.db, { name: RETENTION_JOB, workerId: deps.workerId, now, leaseUntil, intervalMs: DAY_MS });
  if (!claim.claimed) return { ran: false, nextCheckAt: claim.nextCheckAt };

  const budget = workBudget({
    batchSize: limits.batchSize ?? RETENTION_BATCH_SIZE,
    batches: limits.batchesPerPass ?? RETENTION_BATCHES_PER_PASS,
    stopAt: new Date(now.getTime() + deps.leaseMs / 2),
    clock: deps.clock,
  });
  const removed: { userId: string; counts: RetentionCounts }[] = [];
  // Done for the day only when every user was gone through: not when cut short, nor when a statement failed.
  let cutShort = false;
  let wentThrough = false;
  try {
    const everyone = await deps.db
      .select({
        id: users.id,
        trackingEventsDays: users.trackingEventsDays,
        ipAddressDays: users.ipAddressDays,
        finishedCampaignRecipientsDays: users.finishedCampaignRecipientsDays,
      })
      .from(users)
      .orderBy(asc(users.id));
    for (const { id, ...periods } of everyone) {
      const result = await applyUserRetention(deps.db, { userId: id, periods, now, budget });
      if (Object.values(result.counts).some((count) => count > 0)) {
        removed.push({ userId: id, counts: result.counts });
        // What this pass removed: a backlog larger than one pass gets one entry per pass.
        await recordAudit(deps, { userId: id, actor: SYSTEM, action: 'retention.applied', detail: { ...result.counts } });
      }
      if (!result.complete) {
        cutShort = true;
        break;
      }
    }
    wentThrough = true;
  } finally {
    // Released even when a statement failed: another scheduler may try at once rather than after the lease.
    const stillOurs = await releaseDailyJob(deps.db, { name: RETENTION_JOB, workerId: deps.workerId, now: deps.clock.now(), done: wentThrough && !cutShort });
    if (!stillOurs) deps.logger.warn('retention: the claim expired during the pass', { workerId: deps.workerId });
  }
  const complete = !cutShort;
  if (removed.length > 0) deps.logger.info('retention applied', { users: removed.length, complete });
  const nextCheckAt = complete ? new Date(deps.clock.now().getTime() + DAY_MS) : deps.clock.now();
  return { ran: true, complete, removed, nextCheckAt };
}

/** Per database: when this process should next ask whether the job is due (the tick runs every few seconds). */
const nextCheckByDatabase = new WeakMap<Database, number>();

/**
 * The scheduler tick's hook: a pass when this process's memory says the job may be due, else
 * nothing at all (no query). Both runtimes reach it through `runSchedulerTick`. A failure is
 * logged and retried a few minutes later; it never fails the tick (sending is done by then).
 *
 * @example await runRetentionIfDue(engineDeps)
 */
export async function runRetentionIfDue(deps: RetentionDeps, limits: RetentionLimits = {}): Promise<RetentionPass | null> {
  const now = deps.clock.now().getTime();
  const nextCheckAt = nextCheckByDatabase.get(deps.db);
  if (nextCheckAt !== undefined && now < nextCheckAt) return null;
  try {
    const pass = await runRetentionPass(deps, limits);
    nextCheckByDatabase.set(deps.db, pass.nextCheckAt.getTime());
    return pass;
  } catch (error) {
    deps.logger.error('retention pass failed', { error });
    nextCheckByDatabase.set(deps.db, now + RETRY_AFTER_MS);
    return null;
  }
}
