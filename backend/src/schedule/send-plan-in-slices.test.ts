import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { planSends, type PacedAccount, type SendPlanInput } from './send-plan';
import { PLAN_SLICE_SENDS, planSendsInSlices } from './send-plan-in-slices';

const MONDAY_NOON = Date.parse('2026-03-02T12:00:00Z');
const HOUR = 3_600_000;

const schedule: fc.Arbitrary<Schedule> = fc.record({
  startAt: fc.option(fc.integer({ min: 0, max: 72 }).map((hours) => new Date(MONDAY_NOON + hours * HOUR).toISOString()), { nil: null }),
  // A zone with summer time (the window's instants move), one without, one at a half hour.
  timezone: fc.constantFrom('UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Kolkata'),
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((days) => [...days].sort((a, b) => a - b)),
  window: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 })).map(([a, b]) => {
    const [start, end] = a < b ? [a, b] : [b - 1, a + 1];
    return { start: `${String(start).padStart(2, '0')}:00`, end: `${String(Math.min(end, 24)).padStart(2, '0')}:00` };
  }),
});

const account: fc.Arbitrary<PacedAccount> = fc
  .record({
    dailyLimit: fc.integer({ min: 0, max: 600 }),
    recent: fc.array(fc.integer({ min: 0, max: 24 * 60 - 1 }), { maxLength: 40 }),
    warmup: fc.option(fc.record({ startPerDay: fc.integer({ min: 1, max: 50 }), increasePerDay: fc.integer({ min: 0, max: 30 }), targetPerDay: fc.integer({ min: 50, max: 600 }) }), { nil: null }),
    warmupDaysAgo: fc.integer({ min: 0, max: 10 }),
    minGapSeconds: fc.integer({ min: 0, max: 300 }),
    extraGap: fc.integer({ min: 0, max: 300 }),
  })
  .map(({ recent, warmupDaysAgo, extraGap, ...rest }) => {
    // Sends of the last 24 hours, oldest first, as `sendTimesInLast24h` gives them.
    const times = recent.map((minutesAgo) => MONDAY_NOON - (minutesAgo + 1) * 60_000).sort((a, b) => a - b);
    return {
      ...rest,
      sentLast24h: times.length,
      recentSendTimes: times,
      warmupStartedAt: rest.warmup ? new Date(MONDAY_NOON - warmupDaysAgo * 24 * HOUR) : null,
      maxGapSeconds: rest.minGapSeconds + extraGap,
    };
  });

/** Up to several slices of first messages, follow-ups queued and to come, caps, A/B tests. */
const input: fc.Arbitrary<SendPlanInput> = fc
  .record({
    schedule,
    nowOffsetMinutes: fc.integer({ min: 0, max: 7 * 24 * 60 }),
    firstMessages: fc.integer({ min: 0, max: 3 * PLAN_SLICE_SENDS + 7 }),
    followUpDelayHours: fc.array(fc.integer({ min: 1, max: 96 }), { maxLength: 3 }),
    queued: fc.array(fc.record({ step: fc.integer({ min: 1, max: 3 }), dueInHours: fc.integer({ min: 0, max: 48 }), count: fc.integer({ min: 0, max: 500 }) }), { maxLength: 3 }),
    accounts: fc.array(account, { minLength: 1, maxLength: 3 }),
    cap: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
    campaignSent: fc.integer({ min: 0, max: 30 }),
    campaignMinGap: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    minSendIntervalMs: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
    abTest: fc.option(fc.record({ held: fc.integer({ min: 0, max: 2 * PLAN_SLICE_SENDS }), waitHours: fc.integer({ min: 0, max: 48 }), decisionInHours: fc.option(fc.integer({ min: 0, max: 48 }), { nil: null }) }), { nil: undefined }),
  })
  .map((drawn) => {
    const now = new Date(MONDAY_NOON + drawn.nowOffsetMinutes * 60_000);
    const campaignTimes = Array.from({ length: drawn.campaignSent }, (_, i) => now.getTime() - (i + 1) * 10 * 60_000).reverse();
    return {
      schedule: drawn.schedule,
      now,
      firstMessages: drawn.firstMessages,
      followUpDelayHours: drawn.followUpDelayHours,
      queuedFollowUps: drawn.queued.map((group) => ({ step: group.step, dueMs: now.getTime() + group.dueInHours * HOUR, count: group.count })),
      accounts: drawn.accounts,
      campaignDailyCap: drawn.cap,
      campaignSentToday: campaignTimes.length,
      campaignRecentSendTimes: campaignTimes,
      campaignMinGap: drawn.campaignMinGap,
      campaignMaxGap: drawn.campaignMinGap === undefined ? undefined : drawn.campaignMinGap + 60,
      minSendIntervalMs: drawn.minSendIntervalMs,
      abTest: drawn.abTest && { held: drawn.abTest.held, waitHours: drawn.abTest.waitHours, decisionAtMs: drawn.abTest.decisionInHours === null ? null : now.getTime() + drawn.abTest.decisionInHours * HOUR },
    };
  });

const iso = (plan: ReturnType<typeof planSends>) =>
  plan && { first: plan.firstSendAt.toISOString(), lastFirst: plan.lastFirstMessageAt?.toISOString() ?? null, last: plan.lastMessageAt.toISOString() };

describe('the finish estimate in slices (issue 17: the launch never holds the event loop for it)', () => {
  it('gives the same plan as the whole simulation, for any campaign', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (drawn) => {
        expect(iso(await planSendsInSlices(drawn))).toEqual(iso(planSends(drawn)));
      }),
      { numRuns: 60 },
    );
  });

  it("lets others in every few thousand messages of a big list's simulation", async () => {
    const allDay: Schedule = { startAt: null, timezone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
    const big: SendPlanInput = {
      schedule: allDay,
      now: new Date(MONDAY_NOON),
      firstMessages: 10_000,
      followUpDelayHours: [48],
      accounts: [{ dailyLimit: 2_000, sentLast24h: 0, minGapSeconds: 5, maxGapSeconds: 15 }],
    };
    let pauses = 0;
    const plan = await planSendsInSlices(big, async () => void pauses++);
    expect(iso(plan)).toEqual(iso(planSends(big)));
    // 20,000 messages (each first message and its follow-up) simulated: a pause after each 2,000.
    expect(pauses).toBe(Math.ceil(20_000 / PLAN_SLICE_SENDS) - 1);
  });
});
