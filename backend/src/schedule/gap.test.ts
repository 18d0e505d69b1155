import { describe, expect, it } from 'vitest';
import { effectiveGap, randomGapMs } from './gap';

describe('randomGapMs', () => {
  it('spreads the pause uniformly between the bounds, in milliseconds', () => {
    expect(randomGapMs(60, 180, () => 0)).toBe(60_000);
    expect(randomGapMs(60, 180, () => 0.5)).toBe(120_000);
    expect(randomGapMs(60, 180, () => 0.999_999_9)).toBe(180_000);
  });

  it('returns the minimum when the bounds are equal or crossed', () => {
    expect(randomGapMs(30, 30, () => 0.7)).toBe(30_000);
    expect(randomGapMs(30, 10, () => 0.7)).toBe(30_000);
  });
});

describe('effectiveGap', () => {
  const account = { minGapSeconds: 60, maxGapSeconds: 180 };

  it("keeps the account's gaps without a throttle", () => {
    expect(effectiveGap(account)).toEqual(account);
    expect(effectiveGap(account, {})).toEqual(account);
  });

  it("lets the campaign's throttle only slow the account down", () => {
    expect(effectiveGap(account, { minGapSeconds: 10, maxGapSeconds: 20 })).toEqual(account);
    expect(effectiveGap(account, { minGapSeconds: 90, maxGapSeconds: 300 })).toEqual({ minGapSeconds: 90, maxGapSeconds: 300 });
  });

  it('never lets the maximum fall below the minimum', () => {
    expect(effectiveGap(account, { minGapSeconds: 240 })).toEqual({ minGapSeconds: 240, maxGapSeconds: 240 });
  });
});
