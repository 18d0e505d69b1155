import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { planSends, type PacedAccount } from './send-plan';

const ALL_DAY: Schedule = { startAt: null, timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const TEN_TO_TEN: Schedule = { ...ALL_DAY, window: { start: '10:00', end: '22:00' } };
const account = (overrides: Partial<PacedAccount> = {}): PacedAccount => ({ dailyLimit: 100, sentLast24h: 0, minGapSeconds: 60, maxGapSeconds: 60, ...overrides });
const MONDAY_NOON = new Date('2026-03-02T12:00:00Z');
const last = (input: Partial<Parameters<typeof planSends>[0]> & { firstMessages: number }) =>
  planSends({ schedule: ALL_DAY, now: MONDAY_NOON, accounts: [account()], followUpDelayHours: [], ...input })?.lastMessageAt.toISOString() ?? null;

describe('planSends over a rolling 24 hours (issue 17), as the engine counts', () => {
  it('gives room back as each send turns 24 hours old, not at midnight', () => {
    // 100 from Monday 12:00 to 13:39; the 101st waits for Monday 12:00's send to age: Tuesday 12:00.
    expect(last({ firstMessages: 100 })).toBe('2026-03-02T13:39:00.000Z');
    expect(last({ firstMessages: 101 })).toBe('2026-03-03T12:00:00.000Z');
    expect(last({ firstMessages: 150 })).toBe('2026-03-03T12:49:00.000Z');
  });

  it('waits inside a window for the rolling room, not for the window to open', () => {
    // Monday 15:00–16:39 fills the limit; Tuesday opens at 10:00 but room comes back at 15:00.
    const now = new Date('2026-03-02T15:00:00Z');
    expect(last({ firstMessages: 110, schedule: TEN_TO_TEN, now })).toBe('2026-03-03T15:09:00.000Z');
  });

  it("counts the account's own sends of the last 24 hours where they happened", () => {
    // 100 sent Sunday 18:00–19:39 (one a minute): full until Monday 18:00, then one a minute again.
    const sunday = Array.from({ length: 100 }, (_, i) => new Date('2026-03-01T18:00:00Z').getTime() + i * 60_000);
    expect(last({ firstMessages: 10, accounts: [account({ sentLast24h: 100, recentSendTimes: sunday })] })).toBe('2026-03-02T18:09:00.000Z');
    // Without the times they count as sent now: room only from Tuesday 12:00.
    expect(last({ firstMessages: 10, accounts: [account({ sentLast24h: 100 })] })).toBe('2026-03-03T12:09:00.000Z');
  });

  it("counts the campaign's cap over a rolling 24 hours too", () => {
    const recent = Array.from({ length: 50 }, () => new Date('2026-03-02T06:00:00Z').getTime());
    // Cap 50, all used at 06:00: the next goes at Tuesday 06:00.
    expect(last({ firstMessages: 1, campaignDailyCap: 50, campaignSentToday: 50, campaignRecentSendTimes: recent })).toBe('2026-03-03T06:00:00.000Z');
  });

  it("follows a warm-up ramp: the day's figure, rising each 24 hours from when it was switched on", () => {
    // 10, 20, 30 then 30 a day (target), one a minute: 10 + 20 + 30 + 30 = 90, the 100th on day 4.
    const warming = account({ warmup: { startPerDay: 10, increasePerDay: 10, targetPerDay: 30 }, warmupStartedAt: MONDAY_NOON });
    expect(last({ firstMessages: 10, accounts: [warming] })).toBe('2026-03-02T12:09:00.000Z');
    expect(last({ firstMessages: 11, accounts: [warming] })).toBe('2026-03-03T12:00:00.000Z');
    expect(last({ firstMessages: 100, accounts: [warming] })).toBe('2026-03-06T12:09:00.000Z');
    // Never above the account's own limit.
    const capped = account({ dailyLimit: 15, warmup: { startPerDay: 10, increasePerDay: 10, targetPerDay: 30 }, warmupStartedAt: MONDAY_NOON });
    expect(last({ firstMessages: 40, accounts: [capped] })).toBe('2026-03-04T12:14:00.000Z');
  });

  it("sends when the warm-up's next day raises the limit, not only when a send turns 24 hours old", () => {
    // Warm-up switched on Monday 00:00 (20, then 40): 20 sent Monday 23:00–23:19 fill day 0; at
    // Tuesday 00:00 the limit is 40, so the engine sends then (not Tuesday 23:00).
    const startedAt = new Date('2026-03-02T00:00:00Z');
    const sent = Array.from({ length: 20 }, (_, i) => new Date('2026-03-02T23:00:00Z').getTime() + i * 60_000);
    const warming = account({ dailyLimit: 500, sentLast24h: 20, recentSendTimes: sent, warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 }, warmupStartedAt: startedAt });
    const plan = planSends({ schedule: ALL_DAY, now: new Date('2026-03-02T23:20:00Z'), accounts: [warming], followUpDelayHours: [], firstMessages: 21 });
    expect(plan?.firstSendAt.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    // Day 1 allows 40 over the rolling 24 hours: 20 of Monday's still count, so 20 go from 00:00 (to 00:19); the 21st waits for Monday 23:00's send to age.
    expect(plan?.lastMessageAt.toISOString()).toBe('2026-03-03T23:00:00.000Z');
  });
});
