import type { Logger } from '../lib/logger';
import type { EngineDeps } from './engine-deps';
import { runSchedulerTick, type TickReport } from './tick';

/**
 * Runs the scheduler tick every `intervalMs` on a long-lived server (Node). Ticks never overlap:
 * the next one is planned when the previous finishes. `stop()` waits for the tick in flight, so a
 * clean shutdown never leaves a message sent but unrecorded.
 */
export function startSchedulerLoop(deps: EngineDeps, options: { intervalMs: number; logger: Logger; onTick?: (report: TickReport) => void }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      const report = await runSchedulerTick(deps);
      options.onTick?.(report);
      const sent = report.attempts.filter((attempt) => attempt.result.status === 'sent').length;
      if (report.attempts.length > 0 || report.promoted.length > 0 || report.completed.length > 0 || report.recovered > 0) {
        options.logger.info('scheduler tick', {
          sent,
          attempts: report.attempts.length,
          promoted: report.promoted.length,
          completed: report.completed.length,
          recovered: report.recovered,
        });
      }
    } catch (error) {
      options.logger.error('scheduler tick failed', { error });
    }
  };
  const plan = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = run().finally(() => {
        inFlight = undefined;
        plan();
      });
    }, options.intervalMs);
  };
  plan();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
