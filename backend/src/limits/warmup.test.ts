import { describe, expect, it } from 'vitest';
import { DAY_MS, rollingLimitFreeAt } from './daily-limits';
import { effectiveDailyLimit, suggestedWarmup, warmupDay } from './warmup';

const ON = new Date('2026-03-02T10:00:00Z');
const ramp = { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 };
const at = (days: number, ms = 0) => ON.getTime() + days * DAY_MS + ms;

describe('warm-up', () => {
  it('is min(target, start + day × increase, the daily limit), day 0 being the 24 hours after it was switched on', () => {
    const account = { dailyLimit: 450, warmup: ramp, warmupStartedAt: ON };
    expect(effectiveDailyLimit(account, at(0))).toBe(20);
    expect(effectiveDailyLimit(account, at(1, -1))).toBe(20);
    expect(effectiveDailyLimit(account, at(1))).toBe(40);
    expect(effectiveDailyLimit(account, at(3))).toBe(80);
    expect(effectiveDailyLimit(account, at(100))).toBe(450);
    expect(effectiveDailyLimit({ ...account, dailyLimit: 2000 }, at(100))).toBe(500);
    expect(warmupDay(account, at(3, 5))).toBe(3);
  });

  it('is off without a ramp: the daily limit, no day', () => {
    expect(effectiveDailyLimit({ dailyLimit: 400, warmup: null, warmupStartedAt: null }, at(2))).toBe(400);
    expect(warmupDay({ warmup: null, warmupStartedAt: null }, at(2))).toBeNull();
  });

  it("suggests 20 a day, 20 more a day, up to the type's Google limit", () => {
    expect(suggestedWarmup('consumer')).toEqual({ startPerDay: 20, increasePerDay: 20, targetPerDay: 500 });
    expect(suggestedWarmup('workspace').targetPerDay).toBe(2000);
  });
});

describe('rollingLimitFreeAt', () => {
  it('frees a send when the limit-th most recent is 24 hours old', () => {
    const sends = [at(0), at(0, 1000), at(0, 2000)];
    expect(rollingLimitFreeAt(sends, 4, at(0, 3000))).toBe(at(0, 3000));
    expect(rollingLimitFreeAt(sends, 3, at(0, 3000))).toBe(at(1));
    expect(rollingLimitFreeAt(sends, 2, at(0, 3000))).toBe(at(1, 1000));
    expect(rollingLimitFreeAt(sends, 0, at(0))).toBe(Infinity);
  });
});
