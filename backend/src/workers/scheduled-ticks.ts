import type { Logger } from '../lib/logger';
import type { EngineDeps } from '../sending/engine-deps';
import { startHeartbeat } from '../sending/heartbeat';
import { runSchedulerLoop, sleepFor, type SchedulerRun } from '../sending/scheduler-loop';

export type ScheduledRun = SchedulerRun;

/**
 * One Cron Trigger invocation (every minute): the scheduler loop, `intervalMs` between ticks, until
 * `budgetMs` of wall time is used. One tick per minute would send one message per account per
 * minute; looping lets each account go on at its own random gap, as the Node timer does. A tick is
 * never cut short, so one that starts must fit: the last starts before `budgetMs - intervalMs`.
 * Budget 0 runs exactly one tick. Two invocations that overlap are safe: claims are conditional
 * updates, as between two Node servers. Each invocation is one scheduler instance (its own
 * `workerId`) with a heartbeat (sending/heartbeat.ts) from its start to its end: an invocation the
 * runtime cut off mid-send is known dead 10 s after its last beat, and the next takes over its
 * leases; one that ends normally deletes its heartbeat.
 *
 * @example await runTicksWithinBudget(engineDeps, { budgetMs: 50_000, intervalMs: 5_000, maxSendsPerTick: 50, logger })
 */
export async function runTicksWithinBudget(
  deps: EngineDeps,
  options: { budgetMs: number; intervalMs: number; maxSendsPerTick: number; logger: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<ScheduledRun> {
  const endsAt = deps.clock.now().getTime() + options.budgetMs;
  const heartbeat = await startHeartbeat(deps.db, { id: deps.workerId, clock: deps.clock, logger: options.logger });
  let run: SchedulerRun;
  try {
    run = await runSchedulerLoop(deps, {
      intervalMs: options.intervalMs,
      maxSendsPerTick: options.maxSendsPerTick,
      logger: options.logger,
      sleep: options.sleep ?? sleepFor,
      shouldContinue: (nextTickAt) => nextTickAt.getTime() <= endsAt,
    });
  } finally {
    await heartbeat.stop().catch((error: unknown) => options.logger.error('scheduler heartbeat stop failed', { error }));
  }
  if (run.attempts > 0 || run.failedTicks > 0) options.logger.info('scheduled run', run);
  return run;
}
