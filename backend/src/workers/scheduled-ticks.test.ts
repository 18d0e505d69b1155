import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, sendJobs, trackingEvents } from '../db/schema';
import { DAY_MS } from '../limits/daily-limits';
import { silentLogger } from '../lib/logger';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { runTicksWithinBudget } from './scheduled-ticks';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

async function gappedCampaign(gapSeconds: number, recipients: number) {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: gapSeconds, maxGapSeconds: gapSeconds });
  const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, Array.from({ length: recipients }, (_, i) => ({ email: `p${i}@example.com` })));
  // Sleeping moves the fake clock: a minute of cron run in no time.
  const sleep = async (ms: number) => s.t.clock.advance(ms);
  return { s, id, sleep };
}

describe('a cron run of the scheduler', () => {
  it('ticks through its budget, so an account sends a minute of messages at its own gap', async () => {
    const { s, id, sleep } = await gappedCampaign(10, 20);
    const run = await runTicksWithinBudget(s.engine(), { budgetMs: 50_000, intervalMs: 5_000, maxSendsPerTick: 50, logger: silentLogger, sleep });
    // Ticks at 0, 5, …, 50 s: the last starts when one more interval would overrun the budget.
    expect(run).toEqual({ ticks: 11, sent: 6, attempts: 6, failedTicks: 0 });
    const sent = await s.t.db.select({ sentAt: sendJobs.sentAt }).from(sendJobs).where(eq(sendJobs.campaignId, id));
    const times = sent.map((row) => row.sentAt?.getTime()).filter((at) => at !== undefined).sort((a, b) => a - b);
    expect(times.slice(1).map((at, i) => at - times[i]!)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('applies the retention periods once, however many ticks the run has', async () => {
    const { s, id, sleep } = await gappedCampaign(0, 1);
    await runTicksWithinBudget(s.engine(), { budgetMs: 0, intervalMs: 5_000, maxSendsPerTick: 50, logger: silentLogger, sleep });
    const [job] = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    await s.t.db.insert(trackingEvents).values({ campaignId: id, recipientId: job!.recipientId, jobId: job!.id, step: 0, kind: 'open', ipAddress: '198.51.100.7', userAgent: 'Mozilla/5.0', occurredAt: s.t.clock.now() });
    // Past the default 30 days for IP addresses: the next cron run strips it, in one of its 11 ticks.
    s.t.clock.advance(31 * DAY_MS);
    await runTicksWithinBudget(s.engine(), { budgetMs: 50_000, intervalMs: 5_000, maxSendsPerTick: 50, logger: silentLogger, sleep });
    const events = await s.t.db.select().from(trackingEvents).where(eq(trackingEvents.campaignId, id));
    expect(events.map((event) => [event.kind, event.ipAddress, event.userAgent])).toEqual([['open', null, null]]);
    expect(await s.t.db.select().from(auditLog).where(eq(auditLog.action, 'retention.applied'))).toHaveLength(1);
  });

  it('runs exactly one tick with a budget of 0', async () => {
    const { s, sleep } = await gappedCampaign(0, 3);
    const run = await runTicksWithinBudget(s.engine(), { budgetMs: 0, intervalMs: 5_000, maxSendsPerTick: 50, logger: silentLogger, sleep });
    expect(run).toEqual({ ticks: 1, sent: 3, attempts: 3, failedTicks: 0 });
  });

  it('goes on after a tick that failed (the database or Google may be back a tick later)', async () => {
    const { s, sleep } = await gappedCampaign(0, 2);
    // The database is unreachable during the first tick, back after the first sleep.
    let unreachable = true;
    const engine = s.engine();
    const db = new Proxy(engine.db, {
      get: (target, key) => {
        if (unreachable) throw new Error('network blip');
        return Reflect.get(target, key);
      },
    });
    const logged: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => void logged.push(message) };
    const run = await runTicksWithinBudget({ ...engine, db }, {
      budgetMs: 5_000,
      intervalMs: 5_000,
      maxSendsPerTick: 50,
      logger,
      sleep: async (ms) => {
        unreachable = false;
        await sleep(ms);
      },
    });
    expect(run).toMatchObject({ ticks: 2, failedTicks: 1, sent: 2 });
    // The run's first heartbeat failed too: logged, and the next beat tries again.
    expect(logged).toEqual(['scheduler heartbeat failed', 'scheduler tick failed']);
  });
});
