import type { Logger } from '../lib/logger';
import type { EngineDeps } from './engine-deps';
import { startHeartbeat } from './heartbeat';
import { nextTakeoverAt } from './recover-leases';
import { runSchedulerTick, type TickReport } from './tick';

/** What one run of the loop did: logged by the cron run, returned to tests. */
export type SchedulerRun = { ticks: number; sent: number; attempts: number; failedTicks: number };

/**
 * The shortest wait between two ticks: an account due again in 10 ms is served a little late rather
 * than the loop spinning on the database.
 */
export const MIN_WAIT_MS = 250;

/**
 * How long to wait before the next tick: the interval, or less when the tick knows an account is
 * due sooner (its gap ends), never under `MIN_WAIT_MS`.
 *
 * @example waitBeforeNextTick(5_000, new Date(1_000), new Date(3_000)) // 2_000
 */
export function waitBeforeNextTick(intervalMs: number, now: Date, nextDueAt: Date | null): number {
  if (nextDueAt === null) return intervalMs;
  return Math.min(intervalMs, Math.max(MIN_WAIT_MS, nextDueAt.getTime() - now.getTime()));
}

export type SchedulerLoopOptions = {
  intervalMs: number;
  /** Sends per tick; the tick's own default when left out. */
  maxSendsPerTick?: number;
  logger: Logger;
  /** Waits between ticks: a timer in production, the fake clock's `advance` in tests. */
  sleep: (ms: number) => Promise<void>;
  /**
   * May a tick start at `nextTickAt`? Asked before each wait (false: end now rather than sleep for
   * nothing) and again after it (false: a stop during the wait ends the loop without another tick).
   */
  shouldContinue: (nextTickAt: Date) => boolean;
  onTick?: (report: TickReport) => void;
};

/**
 * The scheduler loop of both runtimes: a tick, a wait of `intervalMs` (shorter when an account's
 * gap ends sooner: `waitBeforeNextTick`, or when a dead scheduler's leases can be taken over:
 * recover-leases.ts `nextTakeoverAt`), a tick… while
 * `shouldContinue` says so. The Node server stops it at shutdown (`startSchedulerLoop`); a Workers
 * cron run stops it when its budget is used (`workers/scheduled-ticks.ts`). Ticks never overlap,
 * and a tick is never cut short, so a message sent is always recorded. A tick that fails is logged
 * and the loop goes on: the database or Google may be back a tick later. The clock is `deps.clock`.
 *
 * @example await runSchedulerLoop(deps, { intervalMs: 5_000, logger, sleep: sleepFor, shouldContinue: (at) => at.getTime() <= endsAt })
 */
export async function runSchedulerLoop(deps: EngineDeps, options: SchedulerLoopOptions): Promise<SchedulerRun> {
  const run: SchedulerRun = { ticks: 0, sent: 0, attempts: 0, failedTicks: 0 };
  for (;;) {
    let nextDueAt: Date | null = null;
    try {
      const report = await runSchedulerTick(deps, options.maxSendsPerTick === undefined ? {} : { maxSends: options.maxSendsPerTick });
      run.attempts += report.attempts.length;
      run.sent += report.attempts.filter((attempt) => attempt.result.status === 'sent').length;
      nextDueAt = earliest(report.nextDueAt, await nextTakeoverAt(deps.db, deps.workerId));
      options.onTick?.(report);
    } catch (error) {
      run.failedTicks++;
      options.logger.error('scheduler tick failed', { error });
    }
    run.ticks++;
    const now = deps.clock.now();
    const waitMs = waitBeforeNextTick(options.intervalMs, now, nextDueAt);
    const nextTickAt = new Date(now.getTime() + waitMs);
    if (!options.shouldContinue(nextTickAt)) break;
    await options.sleep(waitMs);
    if (!options.shouldContinue(nextTickAt)) break;
  }
  return run;
}

/**
 * The loop on a long-lived server (Node): the first tick one interval after start, then one every
 * `intervalMs` after the previous ends; the process is one scheduler instance with a heartbeat
 * (heartbeat.ts) from start to stop. `stop()` cuts the wait short and waits for the tick in
 * flight, so a clean shutdown never leaves a message sent but unrecorded, then deletes the
 * heartbeat. `sleep` must resolve when
 * its signal aborts (tests pass a gate).
 *
 * @example const scheduler = startSchedulerLoop(deps, { intervalMs: 5_000, logger }); … await scheduler.stop();
 */
export function startSchedulerLoop(
  deps: EngineDeps,
  options: { intervalMs: number; logger: Logger; sleep?: (ms: number, signal: AbortSignal) => Promise<void>; onTick?: (report: TickReport) => void },
) {
  const stopping = new AbortController();
  const sleep = (ms: number) => (options.sleep ?? sleepFor)(ms, stopping.signal);
  const shouldContinue = () => !stopping.signal.aborted;
  const running = (async () => {
    // From the start, not the first tick: a restart is known alive before it takes anyone's leases.
    const starting = startHeartbeat(deps.db, { id: deps.workerId, clock: deps.clock, logger: options.logger });
    await sleep(options.intervalMs);
    const heartbeat = await starting;
    try {
      if (!shouldContinue()) return;
      await runSchedulerLoop(deps, {
        intervalMs: options.intervalMs,
        logger: options.logger,
        sleep,
        shouldContinue,
        onTick: (report) => {
          logTick(options.logger, report);
          options.onTick?.(report);
        },
      });
    } finally {
      // A clean stop: this instance's leases go at once (recover-leases.ts: releaseInstance).
      await heartbeat.stop().catch((error: unknown) => options.logger.error('scheduler heartbeat stop failed', { error }));
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await running;
    },
  };
}

/**
 * A timer's wait, ended early when `signal` aborts.
 *
 * @example await sleepFor(5_000, controller.signal)
 */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return a ?? b;
  return a < b ? a : b;
}

/** One line for a tick that did something; an idle tick every few seconds is not news. */
function logTick(logger: Logger, report: TickReport): void {
  if (report.attempts.length === 0 && report.promoted.length === 0 && report.completed.length === 0 && report.recovered === 0) return;
  logger.info('scheduler tick', {
    sent: report.attempts.filter((attempt) => attempt.result.status === 'sent').length,
    attempts: report.attempts.length,
    promoted: report.promoted.length,
    completed: report.completed.length,
    recovered: report.recovered,
  });
}
