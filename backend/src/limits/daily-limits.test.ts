import { describe, expect, it } from 'vitest';
import { DAY_MS, roomLeft, underDailyCap } from './daily-limits';

describe('daily limits', () => {
  it('count a rolling day of 24 hours', () => {
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });

  it("leave an account the rest of its limit, never less than nothing", () => {
    expect(roomLeft(500, 480)).toBe(20);
    expect(roomLeft(500, 0)).toBe(500);
    expect(roomLeft(500, 500)).toBe(0);
    // The user lowered the limit below what was already sent today.
    expect(roomLeft(100, 140)).toBe(0);
  });

  it("let a campaign send until its cap, or always without one", () => {
    expect(underDailyCap({ dailyCap: 50 }, 49)).toBe(true);
    expect(underDailyCap({ dailyCap: 50 }, 50)).toBe(false);
    expect(underDailyCap({}, 100_000)).toBe(true);
  });
});
