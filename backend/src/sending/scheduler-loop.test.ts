import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJobs } from '../db/schema';
import { silentLogger } from '../lib/logger';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { MIN_WAIT_MS, runSchedulerLoop, startSchedulerLoop, waitBeforeNextTick } from './scheduler-loop';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

async function launched(recipients: number) {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, Array.from({ length: recipients }, (_, i) => ({ email: `p${i}@example.com` })));
  const statuses = async () => (await s.t.db.select({ status: sendJobs.status }).from(sendJobs).where(eq(sendJobs.campaignId, id))).map((row) => row.status);
  return { s, statuses };
}

/**
 * The timer's wait as a gate: each wait is held until the test lets it end (or the loop is stopped),
 * so the test decides when an interval has passed and never waits on real time.
 */
function gatedSleep() {
  const waiting: Array<() => void> = [];
  let onWait: (() => void) | undefined;
  return {
    waits: 0,
    sleep(_ms: number, signal: AbortSignal) {
      this.waits++;
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
        onWait?.();
      });
    },
    /** Ends the oldest wait and resolves when the loop waits again. */
    async passInterval() {
      const next = new Promise<void>((resolve) => (onWait = resolve));
      waiting.shift()!();
      await next;
    },
    /** Ends the oldest wait without waiting for the next one. */
    release() {
      waiting.shift()!();
    },
  };
}

describe('the scheduler loop on a long-lived server', () => {
  it('sends nothing before its first interval, then sends at each tick', async () => {
    const { s, statuses } = await launched(3);
    const gate = gatedSleep();
    const scheduler = startSchedulerLoop(s.engine(), { intervalMs: 5_000, logger: silentLogger, sleep: (ms, signal) => gate.sleep(ms, signal) });
    expect(await statuses()).toEqual(['queued', 'queued', 'queued']);
    await gate.passInterval();
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
    await scheduler.stop();
    expect(gate.waits).toBe(2);
  });

  it('on stop, lets the message in flight finish and be recorded, and starts no other tick', async () => {
    const { s, statuses } = await launched(2);
    const hold = ((await s.t.control('POST', '/faults', { operation: 'send', hold: true, count: 1 })).body as { id: string }).id;
    const gate = gatedSleep();
    const scheduler = startSchedulerLoop(s.engine(), { intervalMs: 5_000, logger: silentLogger, sleep: (ms, signal) => gate.sleep(ms, signal) });
    gate.release();
    expect((await s.t.control('GET', `/faults/${hold}/held`)).body).toEqual({ held: 1 });
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    // Shutdown waits on Google's answer: the database must not close under a message in flight.
    expect(stopped).toBe(false);
    expect(await statuses()).toContain('sending');
    expect((await s.t.control('POST', `/faults/${hold}/release`)).status).toBe(204);
    await stopping;
    expect(await statuses()).toEqual(['sent', 'sent']);
    expect(gate.waits).toBe(1);
  });
});

describe('the pace between ticks', () => {
  it('wakes when the next message is due, not a whole interval later (2-second gaps, 5-second interval)', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 2, maxGapSeconds: 2 });
    await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, [{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }]);
    const waits: number[] = [];
    const sentAt: number[] = [];
    // The fake clock moves by exactly the wait asked for: no real time passes.
    const run = await runSchedulerLoop(s.engine(), {
      intervalMs: 5_000,
      logger: silentLogger,
      sleep: async (ms) => {
        waits.push(ms);
        s.t.clock.advance(ms);
      },
      shouldContinue: () => waits.length < 5,
      onTick: (report) => report.attempts.forEach(() => sentAt.push(s.t.clock.now().getTime())),
    });
    expect(run.sent).toBe(3);
    // One message, a 2-second wait, the next: three messages in 4 seconds, not 10.
    expect(waits.slice(0, 2)).toEqual([2_000, 2_000]);
    expect(sentAt[2]! - sentAt[0]!).toBe(4_000);
    // The account was still due after the third (the tick cannot know the queue is empty); once a
    // tick finds nothing to send, the loop is back to the regular interval.
    expect(waits.slice(2, 4)).toEqual([2_000, 5_000]);
  });
});

describe('waitBeforeNextTick', () => {
  const at = (ms: number) => new Date(ms);
  it('waits the interval when nothing is due sooner', () => {
    expect(waitBeforeNextTick(5_000, at(0), null)).toBe(5_000);
    expect(waitBeforeNextTick(5_000, at(0), at(9_000))).toBe(5_000);
  });
  it('waits until the next due message, with a floor', () => {
    expect(waitBeforeNextTick(5_000, at(1_000), at(3_000))).toBe(2_000);
    expect(waitBeforeNextTick(5_000, at(1_000), at(1_010))).toBe(MIN_WAIT_MS);
    expect(waitBeforeNextTick(5_000, at(1_000), at(0))).toBe(MIN_WAIT_MS);
  });
});
