import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../limits/daily-limits';
import { instantOfWallTime, isoWeekday, parseClock, wallTimeOf } from './wall-time';

const dayOf = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();

describe('wall time', () => {
  it('numbers ISO weekdays from Monday', () => {
    expect(isoWeekday(dayOf('2026-03-02'))).toBe(1);
    expect(isoWeekday(dayOf('2026-03-08'))).toBe(7);
    expect(isoWeekday(dayOf('1969-12-29'))).toBe(1);
  });

  it('parses HH:MM and 24:00', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
  });

  it('reads the local day and time, including half-hour zones', () => {
    // 23:45Z on Monday is already Tuesday 05:15 in Kolkata.
    const local = wallTimeOf('Asia/Kolkata', Date.parse('2026-03-02T23:45:00Z'));
    expect(local.day).toBe(dayOf('2026-03-03'));
    expect(local.msOfDay).toBe((5 * 60 + 15) * 60_000);
  });

  it('converts ordinary local times in several zones', () => {
    expect(iso(instantOfWallTime('Europe/Paris', dayOf('2026-03-02'), 9 * 60))).toBe('2026-03-02T08:00:00.000Z');
    expect(iso(instantOfWallTime('America/New_York', dayOf('2026-07-01'), 9 * 60))).toBe('2026-07-01T13:00:00.000Z');
    expect(iso(instantOfWallTime('Asia/Kolkata', dayOf('2026-03-02'), 9 * 60))).toBe('2026-03-02T03:30:00.000Z');
    expect(iso(instantOfWallTime('Pacific/Auckland', dayOf('2026-03-02'), 9 * 60))).toBe('2026-03-01T20:00:00.000Z');
    expect(iso(instantOfWallTime('UTC', dayOf('2026-03-02'), 24 * 60))).toBe('2026-03-03T00:00:00.000Z');
  });

  it('moves a time skipped by spring forward to the end of the gap', () => {
    // Paris, 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00Z).
    expect(iso(instantOfWallTime('Europe/Paris', dayOf('2026-03-29'), 2 * 60 + 30))).toBe('2026-03-29T01:00:00.000Z');
    // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(iso(instantOfWallTime('America/New_York', dayOf('2026-03-08'), 2 * 60))).toBe('2026-03-08T07:00:00.000Z');
    // Lord Howe moves by 30 minutes: 02:00 → 02:30 (+10:30 → +11) on 4 October 2026.
    expect(iso(instantOfWallTime('Australia/Lord_Howe', dayOf('2026-10-04'), 2 * 60 + 15))).toBe('2026-10-03T15:30:00.000Z');
  });

  it('takes the first occurrence of a time repeated by fall back', () => {
    // Paris, 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 is first 00:30Z.
    expect(iso(instantOfWallTime('Europe/Paris', dayOf('2026-10-25'), 2 * 60 + 30))).toBe('2026-10-25T00:30:00.000Z');
    // New York, 1 November 2026: 02:00 EDT goes back to 01:00 EST; 01:30 is first 05:30Z.
    expect(iso(instantOfWallTime('America/New_York', dayOf('2026-11-01'), 60 + 30))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantOfWallTime('Australia/Lord_Howe', dayOf('2026-04-05'), 60 + 45))).toBe('2026-04-04T14:45:00.000Z');
  });
});
