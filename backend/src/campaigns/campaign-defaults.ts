import type { Schedule } from '../../../shared/schemas/campaigns';

/** What a user expects without touching the settings: weekdays, office hours, in the sender's time zone. */
export function defaultSchedule(timezone: string): Schedule {
  return { startAt: null, timezone, days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
}

/**
 * The zone a campaign's schedule takes when its accounts change (issue 14: a Madrid user who named
 * the campaign first and picked the account second got "09:00–17:00 UTC"). A zone the user chose
 * stays; otherwise it follows the first sending account's Gmail zone. null: keep the zone it has.
 *
 * @example zoneAfterAccountChange({ timezoneChosen: false }, [{ timezone: 'Europe/Madrid' }]) // 'Europe/Madrid'
 */
export function zoneAfterAccountChange(campaign: { timezoneChosen: boolean }, accounts: ReadonlyArray<{ timezone: string }>): string | null {
  if (campaign.timezoneChosen) return null;
  return accounts[0]?.timezone ?? null;
}
