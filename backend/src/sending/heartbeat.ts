import type { Database } from '../db/database';
import { schedulerInstances } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { releaseInstance } from './recover-leases';

/**
 * A scheduler instance shows it is alive by writing its heartbeat (scheduler_instances) every
 * `HEARTBEAT_EVERY_MS`, on a timer of its own, so a long tick or a slow Gmail call does not make it
 * look dead. An instance is a Node process, or one Workers cron invocation (its loop of ticks):
 * each has its own `workerId`, the name its claims carry. One whose heartbeat is older than
 * `STALE_AFTER_MS` is dead: its leases are taken over (recover-leases.ts).
 */
export const HEARTBEAT_EVERY_MS = 2_000;

/** Records that instance `id` is alive at `now` (its first beat also records when it started). */
export async function beat(db: Database, id: string, now: Date): Promise<void> {
  await db
    .insert(schedulerInstances)
    .values({ id, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: schedulerInstances.id, set: { heartbeatAt: now } });
}

export type Heartbeat = {
  /** Stops the timer, waits for a beat in flight, then gives back the instance's leases and deletes its row (`releaseInstance`). */
  stop(): Promise<void>;
};

/**
 * Beats at once and then every `everyMs` until `stop()`. A beat that fails is logged and the next
 * one tries again: five must fail in a row before another instance takes this one's leases.
 *
 * @example const heartbeat = await startHeartbeat(db, { id: workerId, clock: systemClock, logger }); … await heartbeat.stop();
 */
export async function startHeartbeat(
  db: Database,
  options: { id: string; clock: Clock; logger: Logger; everyMs?: number },
): Promise<Heartbeat> {
  let inFlight: Promise<void> = Promise.resolve();
  const beatNow = () => {
    inFlight = beat(db, options.id, options.clock.now()).catch((error: unknown) => options.logger.error('scheduler heartbeat failed', { error }));
    return inFlight;
  };
  await beatNow();
  const timer = setInterval(() => void beatNow(), options.everyMs ?? HEARTBEAT_EVERY_MS);
  // The heartbeat alone never keeps a process alive.
  (timer as { unref?: () => void }).unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await releaseInstance(db, { now: options.clock.now(), workerId: options.id });
    },
  };
}
