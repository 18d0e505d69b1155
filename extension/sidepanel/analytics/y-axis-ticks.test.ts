import { describe, expect, it } from 'vitest';
import { yAxisTicks } from './y-axis-ticks';

describe('yAxisTicks', () => {
  it('counts in whole steps up to the largest value', () => {
    expect(yAxisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(yAxisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(yAxisTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it('keeps an axis from 0 to 1 when nothing happened', () => {
    expect(yAxisTicks(0)).toEqual([0, 1]);
  });

  it('never draws more than five ticks, even past the listed steps', () => {
    const ticks = yAxisTicks(3_000_000);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(3_000_000);
  });
});
