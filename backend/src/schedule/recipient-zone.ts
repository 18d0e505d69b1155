import type { Schedule } from '../../../shared/schemas/campaigns';
import { isValidTimeZone } from '../../../shared/lib/time-zone';
import { normaliseFieldName } from '../../../shared/merge';
import { nextWindowOpening } from './window';

/**
 * Send in each recipient's time zone (issue 18): the schedule that applies to one recipient. The
 * campaign's days and hours stay the same; only the zone they are read in becomes the recipient's,
 * taken from the field `schedule.recipientTimeZoneField` names.
 *
 * Values that count (anything else, or no value, falls back to the campaign's zone):
 * - an IANA zone the runtime knows, as Intl reads it (`Europe/Madrid`, `asia/tokyo`, `UTC`); DST
 *   then follows the zone's rules (window.ts, wall-time.ts);
 * - a fixed UTC offset, `+02:00`, `-0530`, `+9`, optionally after `UTC` or `GMT` (`UTC+2`,
 *   `GMT-05:00`), from -12:00 to +14:00 (the offsets in use), and `Z`/`GMT` as UTC. A fixed offset
 *   has no DST: people who write one mean the offset, not a place. `-00:30` and the like are
 *   refused: no zone uses them and @date-fns/tz 1.5.0 reads a negative zero hour as positive.
 */

/** The reason on a job given back until its recipient's window opens (sending/tick.ts); campaign-waiting reads it. */
export const OUTSIDE_RECIPIENT_HOURS = "Waiting for the recipient's sending hours in their time zone";

export type RecipientZone = {
  /** The zone the recipient's window is read in: theirs, or the campaign's when `fellBack`. */
  zone: string;
  /** True when the field is set on the campaign but this recipient's value is missing or invalid. */
  fellBack: boolean;
};

const OFFSET = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const UTC_NAMES = new Set(['z', 'utc', 'gmt']);

/** Verdicts on raw values: a list holds few distinct zones, and Intl's check costs a formatter each time. */
const parsed = new Map<string, string | null>();
const PARSED_MAX = 1_000;

/**
 * The zone a field value names, in a form @date-fns/tz reads (an IANA name, or `+HH:MM`), or null.
 *
 * @example
 * zoneOfValue('Europe/Madrid'); // 'Europe/Madrid'
 * zoneOfValue('UTC+5:30');      // '+05:30'
 * zoneOfValue('Mars/Olympus');  // null
 */
export function zoneOfValue(value: string | undefined | null): string | null {
  const raw = value?.trim();
  if (!raw || raw.length > 64) return null;
  const known = parsed.get(raw);
  if (known !== undefined) return known;
  const zone = parseZone(raw);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(raw, zone);
  return zone;
}

function parseZone(raw: string): string | null {
  if (UTC_NAMES.has(raw.toLowerCase())) return 'UTC';
  const offset = OFFSET.exec(raw);
  if (offset) {
    const [, sign, hoursText, minutesText = '00'] = offset;
    const hours = Number(hoursText);
    const minutes = Number(minutesText);
    if (minutes >= 60 || (minutes !== 0 && minutes !== 30 && minutes !== 45)) return null;
    const total = hours * 60 + minutes;
    if (total === 0) return 'UTC';
    if (sign === '-' && (hours === 0 || total > 12 * 60)) return null;
    if (sign === '+' && total > 14 * 60) return null;
    return `${sign}${String(hours).padStart(2, '0')}:${minutesText.padStart(2, '0')}`;
  }
  // Intl also accepts offsets on newer runtimes; those were read above, so only names reach here.
  return /^[A-Za-z]/.test(raw) && isValidTimeZone(raw) ? raw : null;
}

/** The recipient's zone under `schedule`, from their fields as imported (keys as the headers were written). */
export function recipientZone(schedule: Pick<Schedule, 'timezone' | 'recipientTimeZoneField'>, fields: Readonly<Record<string, string>>): RecipientZone {
  const field = schedule.recipientTimeZoneField;
  if (!field) return { zone: schedule.timezone, fellBack: false };
  const zone = zoneOfValue(fieldValue(fields, field));
  return zone === null ? { zone: schedule.timezone, fellBack: true } : { zone, fellBack: false };
}

/**
 * The schedule to apply to this recipient: the campaign's days, hours and start, in their zone.
 *
 * @example
 * const tokyo = recipientSchedule({ ...schedule, recipientTimeZoneField: 'Zone' }, { Zone: 'Asia/Tokyo' });
 * nextWindowOpening(tokyo, now); // 09:00 in Tokyo on the next allowed day
 */
export function recipientSchedule(schedule: Schedule, fields: Readonly<Record<string, string>>): Schedule {
  if (!schedule.recipientTimeZoneField) return schedule;
  const { zone } = recipientZone(schedule, fields);
  return zone === schedule.timezone ? schedule : { ...schedule, timezone: zone };
}

/** A field's value, its name compared as merge tags compare names (the header may differ in case or spaces). */
function fieldValue(fields: Readonly<Record<string, string>>, field: string): string | undefined {
  const exact = fields[field];
  if (exact !== undefined && Object.hasOwn(fields, field)) return exact;
  const wanted = normaliseFieldName(field);
  for (const [name, value] of Object.entries(fields)) if (normaliseFieldName(name) === wanted) return value;
  return undefined;
}

/**
 * Whether the engine may claim the campaign's jobs at `at`: inside its window; with per-recipient
 * zones, once its start has come (each claimed job's own window is then checked, `recipientWindowOpening`).
 */
export function campaignMayClaim(schedule: Schedule, at: Date): boolean {
  if (schedule.recipientTimeZoneField) return schedule.startAt === null || new Date(schedule.startAt).getTime() <= at.getTime();
  return nextWindowOpening(schedule, at).getTime() <= at.getTime();
}

/** When this recipient's window is next open, at or after `at` (`at` itself when it is open now). */
export function recipientWindowOpening(schedule: Schedule, fields: Readonly<Record<string, string>>, at: Date): Date {
  return nextWindowOpening(recipientSchedule(schedule, fields), at);
}
