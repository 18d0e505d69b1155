import type { Schedule } from '../../../shared/schemas/campaigns';

/** What a user expects without touching the settings: weekdays, office hours, in the sender's time zone. */
export function defaultSchedule(timezone: string): Schedule {
  return { startAt: null, timezone, days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
}
