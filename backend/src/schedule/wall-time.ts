import { tzOffset } from '@date-fns/tz';
import { DAY_MS } from '../limits/daily-limits';

/**
 * Local ("wall") time in an IANA zone, and back to instants, with explicit DST rules.
 *
 * A local calendar day is a day number: days since 1970-01-01 of the local date. A wall time is
 * that day plus minutes since local midnight.
 *
 * Why not `new TZDate(y, m, d, h, mi, zone)`: it moves a time inside a spring-forward gap by the
 * gap's length (02:30 becomes 03:30, we want 03:00), and which occurrence of a repeated fall-back
 * time it picks depends on the host's own time zone (checked with @date-fns/tz 1.5.0 under
 * TZ=UTC and TZ=Europe/Paris). We only need the library's offset lookup (Intl underneath), so the
 * result is the same on Node, Workers and in the browser, whatever the host zone.
 */

const MINUTE_MS = 60_000;

/** UTC offset of `zone` at `instantMs`, in ms (+02:00 → 7_200_000). */
function offsetMs(zone: string, instantMs: number): number {
  return Math.round(tzOffset(zone, new Date(instantMs)) * MINUTE_MS);
}

export type WallTime = {
  /** Local calendar day: days since 1970-01-01. */
  day: number;
  /** Milliseconds since local midnight (0 ≤ ms < DAY_MS). */
  msOfDay: number;
};

/** The local day and time of an instant in `zone`. */
export function wallTimeOf(zone: string, instantMs: number): WallTime {
  const wallMs = instantMs + offsetMs(zone, instantMs);
  const day = Math.floor(wallMs / DAY_MS);
  return { day, msOfDay: wallMs - day * DAY_MS };
}

/** ISO weekday of a local day number, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** 'HH:MM' (or '24:00') → minutes since midnight. The schema has checked the format. */
export function parseClock(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The instant at which the local clock in `zone` shows `minutes` after midnight of local `day`
 * (`minutes` may be 1440 or more: it rolls into the following days).
 *
 * - Spring forward: a time the clocks skip (02:30 when 02:00 jumps to 03:00) resolves to the
 *   first instant after the gap, the transition itself (03:00).
 * - Fall back: a time that occurs twice resolves to its first occurrence.
 *
 * Candidates use the offsets one day before and one day after (the approach of the TC39 Temporal
 * reference code), which assumes no zone changes its offset twice within two days.
 */
export function instantOfWallTime(zone: string, day: number, minutes: number): number {
  const wallMs = day * DAY_MS + minutes * MINUTE_MS;
  const before = offsetMs(zone, wallMs - DAY_MS);
  const after = offsetMs(zone, wallMs + DAY_MS);
  // Same offset on both sides: no change in between (the common case, one look-up saved).
  if (before === after) return wallMs - before;
  const valid = [wallMs - before, wallMs - after].filter((candidate) => candidate + offsetMs(zone, candidate) === wallMs);
  if (valid.length > 0) return Math.min(...valid);
  return transitionBetween(zone, wallMs - after, wallMs - before);
}

/**
 * First instant in (lo, hi] whose offset differs from the offset at `lo`, to the minute (zones
 * change offsets on whole minutes). Used only for gaps, where `lo` is before and `hi` after.
 */
function transitionBetween(zone: string, lo: number, hi: number): number {
  const startOffset = offsetMs(zone, lo);
  let low = Math.floor(lo / MINUTE_MS);
  let high = Math.ceil(hi / MINUTE_MS);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetMs(zone, mid * MINUTE_MS) === startOffset) low = mid;
    else high = mid;
  }
  return high * MINUTE_MS;
}
