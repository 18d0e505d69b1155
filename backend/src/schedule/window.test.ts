import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/campaigns';
import { isWithinWindow, nextWindowOpening, windowClosing } from './window';

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const SUNDAY = [7];

function schedule(timezone: string, start: string, end: string, days = WEEKDAYS, startAt: string | null = null): Schedule {
  return { startAt, timezone, days, window: { start, end } };
}
const at = (iso: string) => new Date(iso);
const isoOf = (date: Date) => date.toISOString();

describe('isWithinWindow', () => {
  it('reads the window in Paris, start included and end excluded', () => {
    const paris = schedule('Europe/Paris', '09:00', '17:00');
    expect(isWithinWindow(paris, at('2026-03-02T07:59:59Z'))).toBe(false); // Monday 08:59:59 CET
    expect(isWithinWindow(paris, at('2026-03-02T08:00:00Z'))).toBe(true); // 09:00
    expect(isWithinWindow(paris, at('2026-03-02T15:59:59Z'))).toBe(true); // 16:59:59
    expect(isWithinWindow(paris, at('2026-03-02T16:00:00Z'))).toBe(false); // 17:00
  });

  it('reads the window in New York', () => {
    const newYork = schedule('America/New_York', '09:00', '17:00');
    expect(isWithinWindow(newYork, at('2026-03-02T13:59:00Z'))).toBe(false); // 08:59 EST
    expect(isWithinWindow(newYork, at('2026-03-02T14:00:00Z'))).toBe(true);
    expect(isWithinWindow(newYork, at('2026-07-01T13:00:00Z'))).toBe(true); // 09:00 EDT
  });

  it('reads the window in a half-hour zone (Kolkata, +05:30)', () => {
    const kolkata = schedule('Asia/Kolkata', '09:00', '17:00');
    expect(isWithinWindow(kolkata, at('2026-03-02T03:29:00Z'))).toBe(false);
    expect(isWithinWindow(kolkata, at('2026-03-02T03:30:00Z'))).toBe(true);
    expect(isWithinWindow(kolkata, at('2026-03-02T11:29:00Z'))).toBe(true);
    expect(isWithinWindow(kolkata, at('2026-03-02T11:30:00Z'))).toBe(false);
  });

  it('takes the weekday from the local date (Auckland is a day ahead of UTC)', () => {
    const auckland = schedule('Pacific/Auckland', '09:00', '17:00');
    // Sunday 20:00Z is Monday 09:00 NZDT; Friday 21:00Z is Saturday 10:00 NZDT.
    expect(isWithinWindow(auckland, at('2026-03-01T20:00:00Z'))).toBe(true);
    expect(isWithinWindow(auckland, at('2026-03-06T21:00:00Z'))).toBe(false);
  });

  it('reads the window in UTC', () => {
    const utc = schedule('UTC', '09:00', '17:00');
    expect(isWithinWindow(utc, at('2026-03-02T09:00:00Z'))).toBe(true);
    expect(isWithinWindow(utc, at('2026-03-07T10:00:00Z'))).toBe(false); // Saturday
  });

  it('treats 24:00 as the end of the day', () => {
    const evenings = schedule('Europe/Paris', '18:00', '24:00', ALL_DAYS);
    expect(isWithinWindow(evenings, at('2026-03-02T22:59:59Z'))).toBe(true); // 23:59:59
    expect(isWithinWindow(evenings, at('2026-03-02T23:00:00Z'))).toBe(false); // Tuesday 00:00
    expect(isoOf(windowClosing(evenings, at('2026-03-02T19:00:00Z')))).toBe('2026-03-02T23:00:00.000Z');

    const allDay = schedule('UTC', '00:00', '24:00', WEEKDAYS);
    expect(isWithinWindow(allDay, at('2026-03-06T23:59:59.999Z'))).toBe(true); // Friday
    expect(isWithinWindow(allDay, at('2026-03-07T00:00:00Z'))).toBe(false); // Saturday
  });
});

describe('nextWindowOpening', () => {
  const paris = schedule('Europe/Paris', '09:00', '17:00');

  it('returns the instant itself inside the window', () => {
    expect(isoOf(nextWindowOpening(paris, at('2026-03-02T10:15:30Z')))).toBe('2026-03-02T10:15:30.000Z');
  });

  it('waits for the same day when before the window', () => {
    expect(isoOf(nextWindowOpening(paris, at('2026-03-02T05:00:00Z')))).toBe('2026-03-02T08:00:00.000Z');
  });

  it('skips the weekend: Friday 17:05 → Monday 09:00', () => {
    expect(isoOf(nextWindowOpening(paris, at('2026-03-06T16:05:00Z')))).toBe('2026-03-09T08:00:00.000Z');
    expect(isoOf(nextWindowOpening(paris, at('2026-03-07T12:00:00Z')))).toBe('2026-03-09T08:00:00.000Z');
  });

  it('sends nothing before startAt', () => {
    const later = (startAt: string) => schedule('Europe/Paris', '09:00', '17:00', WEEKDAYS, startAt);
    // startAt inside a window: that instant.
    expect(isoOf(nextWindowOpening(later('2026-03-04T12:00:00Z'), at('2026-03-02T09:00:00Z')))).toBe('2026-03-04T12:00:00.000Z');
    // startAt after Wednesday's window: Thursday 09:00.
    expect(isoOf(nextWindowOpening(later('2026-03-04T18:00:00+01:00'), at('2026-03-02T09:00:00Z')))).toBe('2026-03-05T08:00:00.000Z');
    // startAt in the past changes nothing.
    expect(isoOf(nextWindowOpening(later('2026-01-01T00:00:00Z'), at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T09:00:00.000Z');
  });
});

describe('daylight saving changes', () => {
  it('opens at 03:00 when the start falls in the spring-forward gap (Paris)', () => {
    const gapStart = schedule('Europe/Paris', '02:30', '05:00', SUNDAY);
    const opening = nextWindowOpening(gapStart, at('2026-03-28T12:00:00Z'));
    expect(isoOf(opening)).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(isoOf(windowClosing(gapStart, opening))).toBe('2026-03-29T03:00:00.000Z'); // 05:00 CEST: 2h real
    expect(isWithinWindow(gapStart, at('2026-03-29T00:59:59Z'))).toBe(false); // 01:59:59 CET
  });

  it('opens at 03:00 when the start falls in the spring-forward gap (New York)', () => {
    const gapStart = schedule('America/New_York', '02:30', '05:00', SUNDAY);
    expect(isoOf(nextWindowOpening(gapStart, at('2026-03-07T12:00:00Z')))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
  });

  it('shortens a window that spans spring forward by an hour of real time', () => {
    const night = schedule('Europe/Paris', '01:00', '04:00', SUNDAY);
    expect(isoOf(nextWindowOpening(night, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T00:00:00.000Z'); // 01:00 CET
    expect(isoOf(windowClosing(night, at('2026-03-29T00:30:00Z')))).toBe('2026-03-29T02:00:00.000Z'); // 04:00 CEST
    expect(isWithinWindow(night, at('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST, right after the jump
  });

  it('skips a day whose whole window lies in the gap', () => {
    const inGap = schedule('Europe/Paris', '02:10', '02:50', SUNDAY);
    expect(isoOf(nextWindowOpening(inGap, at('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:10:00.000Z'); // next Sunday 02:10 CEST
  });

  it('opens at the first occurrence of a repeated time and stays open through the repeat (Paris)', () => {
    // 25 October 2026: 02:00–03:00 happens twice, 00:00Z–01:00Z (CEST) then 01:00Z–02:00Z (CET).
    const repeated = schedule('Europe/Paris', '02:30', '06:00', SUNDAY);
    expect(isoOf(nextWindowOpening(repeated, at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(isWithinWindow(repeated, at('2026-10-25T01:15:00Z'))).toBe(true); // 02:15 CET, second pass
    expect(isoOf(windowClosing(repeated, at('2026-10-25T00:30:00Z')))).toBe('2026-10-25T05:00:00.000Z'); // 4h30 real
  });

  it('lengthens a window that spans fall back by an hour of real time (New York)', () => {
    const night = schedule('America/New_York', '00:00', '03:00', SUNDAY);
    expect(isoOf(nextWindowOpening(night, at('2026-10-31T12:00:00Z')))).toBe('2026-11-01T04:00:00.000Z'); // 00:00 EDT
    expect(isoOf(windowClosing(night, at('2026-11-01T04:00:00Z')))).toBe('2026-11-01T08:00:00.000Z'); // 03:00 EST: 4h
  });

  it('closes at the first occurrence of a repeated end and does not reopen in the repeat', () => {
    const early = schedule('America/New_York', '00:00', '01:30', SUNDAY);
    expect(isoOf(windowClosing(early, at('2026-11-01T04:10:00Z')))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(isWithinWindow(early, at('2026-11-01T06:10:00Z'))).toBe(false); // 01:10 EST, second pass
    expect(isoOf(nextWindowOpening(early, at('2026-11-01T06:10:00Z')))).toBe('2026-11-08T05:00:00.000Z');
  });
});

describe('a week walked minute by minute', () => {
  const MINUTE = 60_000;
  const cases: Array<[string, Schedule, string]> = [
    ['Paris over spring forward', schedule('Europe/Paris', '02:30', '17:45', [1, 3, 5, 7]), '2026-03-25T00:00:00Z'],
    ['Paris over fall back', schedule('Europe/Paris', '02:30', '24:00', [2, 6, 7]), '2026-10-21T00:00:00Z'],
    ['New York over fall back', schedule('America/New_York', '01:30', '03:00', [1, 2, 7]), '2026-10-28T00:00:00Z'],
    ['Kolkata', schedule('Asia/Kolkata', '09:00', '17:00'), '2026-03-02T00:00:00Z'],
  ];

  it.each(cases)('%s: each opening is inside, and nothing inside comes before it', (_name, plan, from) => {
    const startMs = Date.parse(from);
    const minutes = 8 * 24 * 60;
    const inside = Array.from({ length: minutes + 1 }, (_, i) => isWithinWindow(plan, new Date(startMs + i * MINUTE)));
    // Walk backwards so each minute knows the first open minute at or after it.
    let nextOpenMs = Number.NaN;
    const expected: number[] = [];
    for (let i = minutes; i >= 0; i--) {
      if (inside[i]) nextOpenMs = startMs + i * MINUTE;
      expected[i] = nextOpenMs;
    }
    for (let i = 0; i < minutes; i += 7) {
      if (Number.isNaN(expected[i])) continue; // next opening lies beyond the walked week
      const opening = nextWindowOpening(plan, new Date(startMs + i * MINUTE));
      expect(opening.getTime()).toBe(expected[i]);
      expect(isWithinWindow(plan, opening)).toBe(true);
      const closing = windowClosing(plan, opening);
      expect(isWithinWindow(plan, new Date(closing.getTime() - 1))).toBe(true);
      expect(isWithinWindow(plan, closing)).toBe(false);
    }
  });
});
