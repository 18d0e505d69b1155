import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignProgressSchema } from '../../../shared/schemas/campaigns';
import { findCampaign } from '../campaigns/campaign-store';
import { preflightTiming } from '../campaigns/preflight-timing';
import { campaigns } from '../db/schema';
import { sendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';
import { DAY_MS } from './daily-limits';

const scenario = closedAfterEach(sendingScenario);

describe('warm-up in the engine (issue 18)', () => {
  it('holds the ramp day by day: start, start + increase, … up to the target, and the estimate and the waiting reason follow it', async () => {
    const s = await scenario();
    const t0 = new Date('2026-03-02T08:00:00Z');
    s.t.clock.set(t0);
    const accountId = s.accountIds[0]!;
    await s.agent.patch(`/api/accounts/${accountId}`, { dailyLimit: 400, minGapSeconds: 0, maxGapSeconds: 0, warmup: { startPerDay: 3, increasePerDay: 2, targetPerDay: 7 } });
    const schedule = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
    const created = await s.agent.post('/api/campaigns', { name: 'Warm-up', subject: 'Hi', html: '<p>Hi</p>', accountIds: s.accountIds, schedule });
    const { id } = await created.json();
    await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: 30 }, (_, i) => ({ email: `p${i}@example.com` })) });
    const row = await findCampaign(s.t.deps, (await s.t.db.select({ userId: campaigns.userId }).from(campaigns).where(eq(campaigns.id, id)))[0]!.userId, id);
    // 3 + 5 + 7 + 7 + 7 = 29 in five days: the 30th goes on day 5.
    const timing = await preflightTiming(s.t.deps, row!, 30);
    expect(new Date(timing!.lastMessageAt).getTime() - t0.getTime()).toBeGreaterThanOrEqual(5 * DAY_MS);
    expect(new Date(timing!.lastMessageAt).getTime() - t0.getTime()).toBeLessThan(5 * DAY_MS + 60_000);
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);

    const perDay: number[] = [];
    for (let day = 0; day < 6; day++) {
      let sent = 0;
      // Ticks through the day, every two hours: the limit of the day, never more.
      for (let hour = 0; hour < 24; hour += 2) {
        sent += (await s.tick()).attempts.filter((attempt) => attempt.result.status === 'sent').length;
        if (day === 1 && hour === 12) {
          const { progress } = (await (await s.agent.get(`/api/campaigns/${id}`)).json()) as { progress: unknown };
          const parsed = campaignProgressSchema.parse(progress);
          // Day 1's 5 are out: the ramp's next step (day 2, from t0 + 48 h) is when it sends again.
          expect(parsed.waiting).toEqual({ reason: 'daily-limit', until: new Date(t0.getTime() + 2 * DAY_MS).toISOString() });
          expect(parsed.accounts[0]).toMatchObject({ dailyLimit: 5, sentLast24h: 5 });
        }
        s.t.clock.advance(2 * 3_600_000);
      }
      perDay.push(sent);
    }
    expect(perDay).toEqual([3, 5, 7, 7, 7, 1]);
    const account = await (await s.agent.get(`/api/accounts/${accountId}`)).json();
    expect(account).toMatchObject({ warmupDay: 6, effectiveDailyLimit: 7 });
  });
});
