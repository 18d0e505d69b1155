import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { abTestPlanBeforeLaunch } from '../variants/ab-test-plan';
import { planSends, type SendPlanInput } from './send-plan';

const madrid: Schedule = { startAt: null, timezone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
/** Monday 2 March 2026 09:00 in Madrid (CET, +01:00). */
const MONDAY_9 = new Date('2026-03-02T08:00:00Z');

const plan = (input: Partial<SendPlanInput> & { firstMessages: number }) => {
  const result = planSends({ schedule: madrid, now: MONDAY_9, accounts: [{ dailyLimit: 400, sentLast24h: 0, minGapSeconds: 60, maxGapSeconds: 60 }], followUpDelayHours: [], ...input });
  return result && { first: result.firstSendAt.toISOString(), lastFirst: result.lastFirstMessageAt?.toISOString() ?? null, last: result.lastMessageAt.toISOString() };
};

describe('the finish estimate with an A/B test', () => {
  it('sends the test share first, waits after its last message, then the rest', () => {
    // 50 recipients, 20%: 10 test messages 09:00–09:09, the decision at 11:09, 40 more 11:09–11:48.
    const split = abTestPlanBeforeLaunch({ variants: [{}, {}], abTest: { metric: 'replies', testPercent: 20, waitHours: 2 } }, 50);
    expect(split).toEqual({ firstMessages: 10, abTest: { held: 40, waitHours: 2 } });
    expect(plan(split)).toEqual({ first: '2026-03-02T08:00:00.000Z', lastFirst: '2026-03-02T10:48:00.000Z', last: '2026-03-02T10:48:00.000Z' });
  });

  it('moves the rest into the next window when the decision falls after hours, with the test\'s follow-ups in due order', () => {
    // Test 16:21–16:30 Monday; its follow-ups 17 hours on, Tuesday 09:21–09:30; the decision Tuesday
    // 16:30: 30 of the 40 held go before 17:00, the last 10 on Wednesday 09:00–09:09.
    const result = plan({ firstMessages: 10, abTest: { held: 40, waitHours: 24 }, now: new Date('2026-03-02T15:21:00Z'), followUpDelayHours: [17] });
    expect(result).toEqual({ first: '2026-03-02T15:21:00.000Z', lastFirst: '2026-03-04T08:09:00.000Z', last: '2026-03-05T08:09:00.000Z' });
  });

  it('starts the rest at the decision when the test is already out', () => {
    expect(plan({ firstMessages: 0, abTest: { held: 5, waitHours: 2, decisionAtMs: Date.parse('2026-03-02T09:30:00Z') } })).toEqual({
      first: '2026-03-02T09:30:00.000Z',
      lastFirst: '2026-03-02T09:34:00.000Z',
      last: '2026-03-02T09:34:00.000Z',
    });
  });

  it('plans as before without a test', () => {
    expect(abTestPlanBeforeLaunch({ variants: [{}, {}], abTest: null }, 50)).toEqual({ firstMessages: 50 });
    expect(abTestPlanBeforeLaunch({ variants: [], abTest: { metric: 'replies', testPercent: 20, waitHours: 2 } }, 50)).toEqual({ firstMessages: 50 });
  });
});
