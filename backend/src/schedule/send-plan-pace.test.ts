import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { planSends, type PacedAccount } from './send-plan';

/** When the last of `remaining` first messages goes (no follow-ups). */
const lastFirst = (input: Omit<Parameters<typeof planSends>[0], 'firstMessages' | 'followUpDelayHours'> & { remaining: number }) =>
  planSends({ ...input, firstMessages: input.remaining, followUpDelayHours: [] })?.lastFirstMessageAt ?? null;

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const nineToFive = (days = ALL_DAYS, startAt: string | null = null): Schedule => ({
  startAt,
  timezone: 'Europe/Paris',
  days,
  window: { start: '09:00', end: '17:00' },
});
const account = (overrides: Partial<PacedAccount> = {}): PacedAccount => ({
  dailyLimit: 400,
  sentLast24h: 0,
  minGapSeconds: 60,
  maxGapSeconds: 180,
  ...overrides,
});
/** Monday 2 March 2026, 09:00 in Paris (CET, +01:00). */
const MONDAY_9 = new Date('2026-03-02T08:00:00Z');
const finish = (input: Partial<Parameters<typeof lastFirst>[0]> & { remaining: number }) =>
  lastFirst({ schedule: nineToFive(), now: MONDAY_9, accounts: [account()], ...input })?.toISOString() ?? null;

describe('planSends: the last first message, by pace, limits and days', () => {
  // 60–180 s gaps: one message every 120 s on average; an 8-hour window holds 28,800 / 120 = 240,
  // under the 400 limit, so pace decides. The n-th message of a day goes out (n - 1) × 120 s in.
  it('is limited by pace: 240 a day for one account', () => {
    expect(finish({ remaining: 1 })).toBe('2026-03-02T08:00:00.000Z');
    expect(finish({ remaining: 240 })).toBe('2026-03-02T15:58:00.000Z'); // 239 × 2 min = 7h58
    // 4 full days (960), then the 40th on Friday: 39 × 2 min = 1h18 → 10:18.
    expect(finish({ remaining: 1000 })).toBe('2026-03-06T09:18:00.000Z');
  });

  it('is limited by the daily limit', () => {
    // 100 a day: the 1000th is the 100th on the 10th day, 99 × 2 min = 3h18 in.
    expect(finish({ remaining: 1000, accounts: [account({ dailyLimit: 100 })] })).toBe('2026-03-11T11:18:00.000Z');
  });

  it("counts what the account sent in the last 24 hours against today's room", () => {
    // 40 left today, then the 60th tomorrow: 59 × 2 min = 1h58 → Tuesday 10:58.
    expect(finish({ remaining: 100, accounts: [account({ dailyLimit: 100, sentLast24h: 60 })] })).toBe('2026-03-03T09:58:00.000Z');
  });

  it('adds several accounts up', () => {
    // Two accounts: 480 a day, the 960th when each sends its 240th on Tuesday.
    expect(finish({ remaining: 960, accounts: [account(), account()] })).toBe('2026-03-03T15:58:00.000Z');
    // 240 + 100 = 340 a day.
    expect(finish({ remaining: 680, accounts: [account(), account({ dailyLimit: 100 })] })).toBe('2026-03-03T15:58:00.000Z');
  });

  it("respects the campaign's daily cap", () => {
    // Capped at 150 a day: the 450th is the 150th on Wednesday, when each account sends its 75th.
    expect(finish({ remaining: 450, accounts: [account(), account()], campaignDailyCap: 150 })).toBe('2026-03-04T10:28:00.000Z');
    // What the campaign already sent today counts against today's cap.
    expect(finish({ remaining: 150, campaignDailyCap: 150, campaignSentToday: 150 })).toBe('2026-03-03T12:58:00.000Z');
  });

  it("slows down with the campaign's gaps, never speeds up", () => {
    // 300 s gaps: 96 a day, the 96th at 95 × 5 min = 7h55.
    expect(finish({ remaining: 96, campaignMinGap: 300, campaignMaxGap: 300 })).toBe('2026-03-02T15:55:00.000Z');
    expect(finish({ remaining: 240, campaignMinGap: 10, campaignMaxGap: 20 })).toBe('2026-03-02T15:58:00.000Z');
  });

  it('continues the next allowed day and skips the weekend', () => {
    // Friday 16:00: 30 in the last hour, then the 70th on Monday: 69 × 2 min = 2h18.
    const friday4pm = new Date('2026-03-06T15:00:00Z');
    expect(finish({ remaining: 100, now: friday4pm, schedule: nineToFive([1, 2, 3, 4, 5]) })).toBe('2026-03-09T10:18:00.000Z');
  });

  it('starts at startAt', () => {
    const schedule = nineToFive(ALL_DAYS, '2026-03-10T12:00:00+01:00');
    expect(finish({ remaining: 1, schedule })).toBe('2026-03-10T11:00:00.000Z');
    // 12:00–17:00 holds 150; the 151st is Wednesday's first.
    expect(finish({ remaining: 151, schedule })).toBe('2026-03-11T08:00:00.000Z');
  });

  it('uses the real length of a window shortened by spring forward', () => {
    // Paris 01:00–04:00 on 29 March 2026 lasts 2 hours: 60 messages; the 61st goes the next night.
    const schedule: Schedule = { startAt: null, timezone: 'Europe/Paris', days: ALL_DAYS, window: { start: '01:00', end: '04:00' } };
    const now = new Date('2026-03-29T00:00:00Z');
    expect(finish({ remaining: 60, schedule, now })).toBe('2026-03-29T01:58:00.000Z');
    expect(finish({ remaining: 61, schedule, now })).toBe('2026-03-29T23:00:00.000Z'); // 01:00 CEST on the 30th
  });

  it('plans 100,000 messages on weekdays', () => {
    const result = lastFirst({ schedule: nineToFive([1, 2, 3, 4, 5]), now: MONDAY_9, remaining: 100_000, accounts: [account()] });
    // 240 a weekday: 417 weekdays, about 83 weeks.
    expect(result!.getTime() - MONDAY_9.getTime()).toBeGreaterThan(82 * 7 * 86_400_000);
    expect(result!.getTime() - MONDAY_9.getTime()).toBeLessThan(84 * 7 * 86_400_000);
  });

  it('is null when nothing can ever be sent', () => {
    expect(finish({ remaining: 10, accounts: [] })).toBeNull();
    expect(finish({ remaining: 10, accounts: [account({ dailyLimit: 0 })] })).toBeNull();
    expect(finish({ remaining: 10, campaignDailyCap: 0 })).toBeNull();
  });

});
