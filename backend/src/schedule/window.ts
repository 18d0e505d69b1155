import type { Schedule } from '../../../shared/schemas/campaigns';
import { instantOfWallTime, isoWeekday, parseClock, wallTimeOf } from './wall-time';

/**
 * A campaign's sending window: its allowed ISO weekdays and its daily [start, end) local times in
 * its own time zone.
 *
 * Each allowed local day has one window, from the instant its `start` first shows on the clock to
 * the instant its `end` first shows (`24:00` is the next day's midnight). The DST rules of
 * `instantOfWallTime` apply to both ends, so on change days a window is an hour shorter or longer
 * in real time, and a window that lies entirely inside a spring-forward gap is empty that day.
 * During a fall-back repeat the clock may show a time that was already passed: the window does
 * not reopen for it (one contiguous window per day).
 */

export type WindowInstants = { openMs: number; closeMs: number };

/**
 * How many local days ahead we look for an open window. One week finds any allowed weekday; the
 * second week covers the case where that day's window vanished in a spring-forward gap. The
 * schema guarantees at least one day, so we always stop early.
 */
const SEARCH_DAYS = 16;

/** The window of local `day`, or null when the day is not allowed or its window is empty. */
export function windowOnDay(schedule: Schedule, day: number): WindowInstants | null {
  if (!schedule.days.includes(isoWeekday(day))) return null;
  const openMs = instantOfWallTime(schedule.timezone, day, parseClock(schedule.window.start));
  const closeMs = instantOfWallTime(schedule.timezone, day, parseClock(schedule.window.end));
  return openMs < closeMs ? { openMs, closeMs } : null;
}

/** The window that contains `atMs`, or else the next one. */
export function windowAtOrAfter(schedule: Schedule, atMs: number): WindowInstants {
  // Start a day early: in odd zones an instant's local date can already be the next day while a
  // window that began the day before is still open.
  const firstDay = wallTimeOf(schedule.timezone, atMs).day - 1;
  for (let day = firstDay; day <= firstDay + SEARCH_DAYS; day++) {
    const window = windowOnDay(schedule, day);
    if (window && window.closeMs > atMs) return window;
  }
  throw new RangeError(`No sending window within ${SEARCH_DAYS} days: the schedule allows no day`);
}

/**
 * Whether the window is open at `at`: an allowed weekday, and local time in [start, end).
 * `startAt` is not considered here; `nextWindowOpening` honours it.
 *
 * @example
 * const schedule = { startAt: null, timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
 * isWithinWindow(schedule, new Date('2026-03-02T08:30:00Z')); // true: Monday 09:30 in Paris
 */
export function isWithinWindow(schedule: Schedule, at: Date): boolean {
  const atMs = at.getTime();
  return windowAtOrAfter(schedule, atMs).openMs <= atMs;
}

/**
 * The earliest instant ≥ `at` (and ≥ `schedule.startAt`) at which the window is open: `at` itself
 * when it is inside, else the next allowed day's `start`, converted with the DST rules above.
 *
 * @example
 * // Friday 17:05 in Paris, weekdays 09:00–17:00 → Monday 09:00 (08:00Z in winter)
 * nextWindowOpening(schedule, new Date('2026-03-06T16:05:00Z')); // 2026-03-09T08:00:00.000Z
 */
export function nextWindowOpening(schedule: Schedule, at: Date): Date {
  const fromMs = Math.max(at.getTime(), schedule.startAt === null ? -Infinity : new Date(schedule.startAt).getTime());
  const { openMs } = windowAtOrAfter(schedule, fromMs);
  return new Date(Math.max(openMs, fromMs));
}

/**
 * When the window that contains `at` closes. For an `at` outside the window: when the next window
 * closes (the one `nextWindowOpening` opens, `startAt` aside).
 */
export function windowClosing(schedule: Schedule, at: Date): Date {
  return new Date(windowAtOrAfter(schedule, at.getTime()).closeMs);
}
