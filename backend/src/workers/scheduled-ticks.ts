import type { Logger } from '../lib/logger';
import type { EngineDeps } from '../sending/engine-deps';
import { runSchedulerTick } from '../sending/tick';

export type ScheduledRun = { ticks: number; sent: number; attempts: number; failedTicks: number };

/**
 * One Cron Trigger invocation (every minute): the scheduler tick again and again, `intervalMs` apart,
 * until `budgetMs` of wall time is used. One tick per minute would send one message per account per
 * minute; looping lets each account go on at its own random gap, as the Node timer does. A tick is
 * never cut short, so one that starts must fit: the last starts before `budgetMs - intervalMs`.
 * Budget 0 runs exactly one tick. Two invocations that overlap are safe: claims are conditional
 * updates, as between two Node servers.
 *
 * @example await runTicksWithinBudget(engineDeps, { budgetMs: 50_000, intervalMs: 5_000, maxSendsPerTick: 50, logger })
 */
export async function runTicksWithinBudget(
  deps: EngineDeps,
  options: { budgetMs: number; intervalMs: number; maxSendsPerTick: number; logger: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<ScheduledRun> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = deps.clock.now().getTime();
  const run: ScheduledRun = { ticks: 0, sent: 0, attempts: 0, failedTicks: 0 };
  for (;;) {
    try {
      const report = await runSchedulerTick(deps, { maxSends: options.maxSendsPerTick });
      run.attempts += report.attempts.length;
      run.sent += report.attempts.filter((attempt) => attempt.result.status === 'sent').length;
    } catch (error) {
      // The next tick may well succeed (a network blip to the database or Google).
      run.failedTicks++;
      options.logger.error('scheduler tick failed', { error });
    }
    run.ticks++;
    if (deps.clock.now().getTime() - started + options.intervalMs > options.budgetMs) break;
    await sleep(options.intervalMs);
  }
  if (run.attempts > 0 || run.failedTicks > 0) options.logger.info('scheduled run', run);
  return run;
}
