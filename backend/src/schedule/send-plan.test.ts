import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { planSends, type PacedAccount, type SendPlanInput } from './send-plan';
import { isWithinWindow } from './window';

const WEEKDAYS = [1, 2, 3, 4, 5];
const madrid = (days = WEEKDAYS, startAt: string | null = null): Schedule => ({ startAt, timezone: 'Europe/Madrid', days, window: { start: '09:00', end: '17:00' } });
const account = (overrides: Partial<PacedAccount> = {}): PacedAccount => ({ dailyLimit: 400, sentLast24h: 0, minGapSeconds: 60, maxGapSeconds: 60, ...overrides });

/** Monday 2 March 2026 09:00 in Madrid (CET, +01:00). */
const MONDAY_9 = new Date('2026-03-02T08:00:00Z');

const plan = (input: Partial<SendPlanInput> & { firstMessages: number }) => {
  const result = planSends({ schedule: madrid(), now: MONDAY_9, accounts: [account()], followUpDelayHours: [], ...input });
  return result && { first: result.firstSendAt.toISOString(), lastFirst: result.lastFirstMessageAt?.toISOString() ?? null, last: result.lastMessageAt.toISOString() };
};

describe('planSends', () => {
  it('sends one a minute from the opening: 289 first messages end at 13:48', () => {
    expect(plan({ firstMessages: 289 })).toEqual({
      first: '2026-03-02T08:00:00.000Z',
      lastFirst: '2026-03-02T12:48:00.000Z', // 288 minutes after 09:00
      last: '2026-03-02T12:48:00.000Z',
    });
  });

  it('waits for Monday 09:00 when launched on Saturday', () => {
    expect(plan({ firstMessages: 1, now: new Date('2026-03-07T11:00:00Z') })?.first).toBe('2026-03-09T08:00:00.000Z');
  });

  it('never lands on a weekend for a Monday–Friday campaign', () => {
    // Friday 16:00: 60 before 17:00, the other 40 on Monday (the old estimate said Sunday).
    const result = plan({ firstMessages: 100, now: new Date('2026-03-06T15:00:00Z') });
    expect(result?.lastFirst).toBe('2026-03-09T08:39:00.000Z');
  });

  it('adds the follow-ups: 289 due 72 hours after their first message', () => {
    // Mon 09:00–13:48, then Thu 09:00–13:48: each follow-up leaves on time, at the same pace.
    expect(plan({ firstMessages: 289, followUpDelayHours: [72] })).toEqual({
      first: '2026-03-02T08:00:00.000Z',
      lastFirst: '2026-03-02T12:48:00.000Z',
      last: '2026-03-05T12:48:00.000Z',
    });
  });

  it('moves follow-ups due on the weekend to Monday, where they queue at the pace', () => {
    // Launched Wednesday 09:00: follow-ups due Saturday 09:00–13:48 all wait for Monday 09:00 and
    // then go one a minute, the last at 13:48.
    const wednesday = new Date('2026-03-04T08:00:00Z');
    expect(plan({ firstMessages: 289, followUpDelayHours: [72], now: wednesday })?.last).toBe('2026-03-09T12:48:00.000Z');
    // A second step 24 hours after the first follow-up: Tuesday.
    expect(plan({ firstMessages: 289, followUpDelayHours: [72, 24], now: wednesday })?.last).toBe('2026-03-10T12:48:00.000Z');
  });

  it('lets first messages go before follow-ups, as the queue does, under a daily limit', () => {
    // 100 a day: firsts Mon, Tue, Wed (89); follow-ups at +24 h are due from Tuesday but wait
    // behind the firsts, so they take Wed's 11 left, then Thu, Fri, and 78 on Monday.
    const result = plan({ firstMessages: 289, followUpDelayHours: [24], accounts: [account({ dailyLimit: 100 })] });
    expect(result?.lastFirst).toBe('2026-03-04T09:28:00.000Z');
    expect(result?.last.startsWith('2026-03-09')).toBe(true);
  });

  it('puts every time inside the days and hours, in the zone', () => {
    const cases: Array<Partial<SendPlanInput> & { firstMessages: number }> = [
      { firstMessages: 1_000, followUpDelayHours: [72, 48] },
      { firstMessages: 500, followUpDelayHours: [5], now: new Date('2026-03-06T15:30:00Z'), accounts: [account({ dailyLimit: 90 }), account({ minGapSeconds: 120, maxGapSeconds: 300 })] },
      { firstMessages: 50, followUpDelayHours: [1, 1, 1], schedule: madrid([6, 7]) },
    ];
    for (const input of cases) {
      const result = planSends({ schedule: madrid(), now: MONDAY_9, accounts: [account()], followUpDelayHours: [], ...input })!;
      for (const at of [result.firstSendAt, result.lastFirstMessageAt!, result.lastMessageAt]) {
        expect(isWithinWindow(input.schedule ?? madrid(), at), at.toISOString()).toBe(true);
      }
      expect(result.lastMessageAt.getTime()).toBeGreaterThanOrEqual(result.lastFirstMessageAt!.getTime());
    }
  });

  it('starts at startAt', () => {
    expect(plan({ firstMessages: 1, schedule: madrid(WEEKDAYS, '2026-03-10T12:00:00+01:00') })?.first).toBe('2026-03-10T11:00:00.000Z');
  });

  it('is null when nothing can be sent', () => {
    expect(plan({ firstMessages: 0 })).toBeNull();
    expect(plan({ firstMessages: 10, accounts: [] })).toBeNull();
    expect(plan({ firstMessages: 10, campaignDailyCap: 0 })).toBeNull();
    // One a day for 100,000 days is no plan.
    expect(plan({ firstMessages: 100_000, accounts: [account({ dailyLimit: 1 })] })).toBeNull();
  });

  it('plans 100,000 recipients and two follow-ups quickly', () => {
    const started = performance.now();
    const result = planSends({ schedule: madrid(), now: MONDAY_9, firstMessages: 100_000, followUpDelayHours: [72, 72], accounts: Array.from({ length: 10 }, () => account({ dailyLimit: 2000, minGapSeconds: 1, maxGapSeconds: 1 })) });
    expect(result).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000); // a sanity bound, not a benchmark
  });
});
