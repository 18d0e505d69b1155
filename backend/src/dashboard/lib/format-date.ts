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
