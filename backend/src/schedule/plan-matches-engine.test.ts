import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { preflightSchema } from '../../../shared/schemas/launch';
import { accountSends, campaigns } from '../db/schema';
import { abTestPlanBeforeLaunch } from '../variants/ab-test-plan';
import { planSends } from './send-plan';
import { sendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';
import { nextWindowOpening } from './window';

const scenario = closedAfterEach(sendingScenario);
const MINUTE = 60_000;
const GAP_S = 1800;

/**
 * Drives the engine as the Node loop does (tick, then sleep until the next account is due, at most
 * `intervalMs`; a closed window is skipped to its opening) until the campaign completes.
 */
async function runToCompletion(s: Awaited<ReturnType<typeof scenario>>, id: string, schedule: Parameters<typeof nextWindowOpening>[0], intervalMs = MINUTE) {
  for (let ticks = 0; ticks < 20_000; ticks++) {
    const report = await s.tick();
    if (report.completed.includes(id)) return;
    const now = s.t.clock.now().getTime();
    const opening = nextWindowOpening(schedule, new Date(now)).getTime();
    const wake = report.nextDueAt ? Math.min(report.nextDueAt.getTime(), now + intervalMs) : Math.max(now + intervalMs, opening);
    s.t.clock.advance(Math.max(1, wake - now));
  }
  throw new Error('not completed');
}

describe('the finish estimate and the engine (issue 17: a rolling 24 hours, not calendar days)', () => {
  it("predicts the last send within one gap of when the engine sends it, over several days of a limit that binds mid-afternoon", async () => {
    const s = await scenario();
    // 10 a day, one every 30 minutes, 10:00–22:00 every day, launched Monday 15:00 UTC: Monday's ten
    // go 15:00–19:30, so Gmail's rolling 24 hours gives room back from Tuesday 15:00, not at Tuesday's
    // 10:00 opening (which a per-calendar-day count would predict): 25 recipients end Wednesday 17:00.
    s.t.clock.set('2026-03-02T15:00:00Z');
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { dailyLimit: 10, minGapSeconds: GAP_S, maxGapSeconds: GAP_S });
    const schedule = { startAt: null, timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '10:00', end: '22:00' } };
    const created = await s.agent.post('/api/campaigns', { name: 'Rolling', subject: 'Hi', html: '<p>Hi</p>', accountIds: s.accountIds, schedule });
    const { id } = await created.json();
    await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: 25 }, (_, i) => ({ email: `p${i}@example.com` })) });
    // The launch screen's preflight: what the user is told before launching.
    const preflight = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight`)).json());
    expect(preflight.timing?.lastMessageAt).toBe('2026-03-04T17:00:00.000Z');
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);

    // A 15-minute sleep while the account waits for room: the engine then resumes at most 15 minutes late, inside one gap.
    await runToCompletion(s, id, schedule, 15 * MINUTE);
    const sends = (await s.t.db.select({ sentAt: accountSends.sentAt }).from(accountSends).where(eq(accountSends.accountId, s.accountIds[0]!))).map((row) => row.sentAt.getTime()).sort((a, b) => a - b);
    expect(sends).toHaveLength(25);
    const predicted = new Date(preflight.timing!.lastMessageAt).getTime();
    expect(Math.abs(sends.at(-1)! - predicted)).toBeLessThanOrEqual(GAP_S * 1000);
    // Tuesday's first send waited for Monday's first to turn 24 hours old.
    expect(new Date(sends[10]!).toISOString() >= '2026-03-03T15:00:00.000Z').toBe(true);
  }, 60_000);

  it('predicts an A/B test: the test share, the wait after its last message, then the rest', async () => {
    const s = await scenario();
    s.t.clock.set('2026-03-02T10:00:00Z');
    const gap = 60;
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { dailyLimit: 100, minGapSeconds: gap, maxGapSeconds: gap });
    const schedule = { startAt: null, timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
    const created = await s.agent.post('/api/campaigns', { name: 'A/B', subject: 'A', html: '<p>A</p>', accountIds: s.accountIds, schedule });
    const { id } = await created.json();
    const ab = { variants: [{ subject: 'A', html: '<p>A</p>' }, { subject: 'B', html: '<p>B</p>' }], abTest: { metric: 'replies' as const, testPercent: 20, waitHours: 1 } };
    await s.t.db.update(campaigns).set(ab).where(eq(campaigns.id, id));
    await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: 20 }, (_, i) => ({ email: `p${i}@example.com` })) });
    // 4 test messages 10:00–10:03, the decision at 11:03, the other 16 until 11:18.
    const plan = planSends({
      schedule,
      now: s.t.clock.now(),
      ...abTestPlanBeforeLaunch(ab, 20),
      followUpDelayHours: [],
      accounts: [{ dailyLimit: 100, sentLast24h: 0, minGapSeconds: gap, maxGapSeconds: gap }],
    });
    expect(plan?.lastMessageAt.toISOString()).toBe('2026-03-02T11:18:00.000Z');
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);

    await runToCompletion(s, id, schedule);
    const sends = (await s.t.db.select({ sentAt: accountSends.sentAt }).from(accountSends)).map((row) => row.sentAt.getTime()).sort((a, b) => a - b);
    expect(sends).toHaveLength(20);
    // The decision is taken by the first tick after the wait: at most one loop interval late.
    expect(sends.at(-1)! - plan!.lastMessageAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(sends.at(-1)! - plan!.lastMessageAt.getTime()).toBeLessThanOrEqual(gap * 1000 + MINUTE);
  });
});
