import { describe, expect, it } from 'vitest';
import { warmupWords } from './warmup-words';

const ramp = { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 };
const account = { id: 'acc_1', type: 'consumer' as const, dailyLimit: 500 };

describe('warmupWords', () => {
  it("says the ramp's day, today's figure and where it rises to", () => {
    expect(warmupWords({ ...account, warmup: ramp, warmupDay: 3, effectiveDailyLimit: 80 })).toBe('Warm-up: day 3 · 80 a day today (rising to 500)');
  });

  it('stops at the daily limit when it is below the target, and says when it is reached', () => {
    expect(warmupWords({ ...account, dailyLimit: 300, warmup: ramp, warmupDay: 2, effectiveDailyLimit: 60 })).toBe('Warm-up: day 2 · 60 a day today (rising to 300)');
    expect(warmupWords({ ...account, warmup: { ...ramp, targetPerDay: 2000 }, dailyLimit: 1800, warmupDay: 120, effectiveDailyLimit: 1800 })).toBe('Warm-up: day 120 · 1,800 a day today (target reached)');
  });

  it('says nothing when off or when an older server does not say', () => {
    expect(warmupWords({ ...account, warmup: null, warmupDay: null, effectiveDailyLimit: 500 })).toBeNull();
    expect(warmupWords({ ...account })).toBeNull();
  });
});
