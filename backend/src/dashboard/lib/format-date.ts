/**
 * Dates as "2 Mar 2026, 10:00 UTC". The server does not know the reader's time zone, so it says
 * which one it uses rather than guessing.
 */
const formatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

export function formatDate(iso: string): string {
  return `${formatter.format(new Date(iso))} UTC`;
}

const dayFormatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A day as "2 Mar 2026" (UTC), for names such as "Chrome extension (2 Mar 2026)". */
export function formatDay(date: Date): string {
  return dayFormatter.format(date);
}
