/** Small formatting helpers shared by the panel's screens. */

const numberFormat = new Intl.NumberFormat(undefined);

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** 0.1234 → "12.3%"; 0 → "0%". */
export function formatRate(rate: number): string {
  if (rate === 0) return '0%';
  const percent = rate * 100;
  return `${percent >= 10 ? Math.round(percent) : Math.round(percent * 10) / 10}%`;
}

/** "5 min ago", "yesterday", or a date, for "last updated" notes. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The browser's IANA time zone, e.g. "Europe/Paris" (falls back to UTC). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
