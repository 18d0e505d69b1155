import { describe, expect, it } from 'vitest';
import { RecentMap } from './recent-map';

describe('RecentMap', () => {
  it('keeps at most its budget, and keeps what was used since the last turnover', () => {
    const map = new RecentMap<number, string>(4);
    for (let i = 0; i < 4; i++) map.set(i, `v${i}`);
    expect(map.size).toBeLessThanOrEqual(4);
    // 2 and 3 turned the young generation over; 0 and 1 were dropped with the generation before.
    expect(map.get(3)).toBe('v3');
    map.set(4, 'v4');
    map.set(5, 'v5');
    expect(map.get(3)).toBe('v3');
    expect(map.get(2)).toBeUndefined();
    for (let i = 10; i < 1_000; i++) {
      map.set(i, `v${i}`);
      expect(map.size).toBeLessThanOrEqual(4);
    }
  });

  it('forgets a deleted key in either generation', () => {
    const map = new RecentMap<string, number>(10);
    map.set('a', 1);
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i);
    map.set('b', 2);
    expect(map.has('a')).toBe(true);
    map.delete('a');
    map.delete('b');
    expect(map.has('a')).toBe(false);
    expect(map.get('b')).toBeUndefined();
  });
});
