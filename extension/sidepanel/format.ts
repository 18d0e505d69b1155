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

/** "Europe/Madrid" → "Madrid", "America/Argentina/Buenos_Aires" → "Buenos Aires"; "UTC" stays. */
export function zoneName(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
}

/**
 * An instant as the campaign's clock shows it: "Mon 09:00" within the coming week, "Mon 16 Mar
 * 09:00" further off. The zone is the campaign's, not the browser's: sending hours are read there.
 */
export function formatInZone(iso: string, timeZone: string, options: { now?: Date; locale?: string } = {}): string {
  const at = new Date(iso);
  const soon = Math.abs(at.getTime() - (options.now ?? new Date()).getTime()) < 6 * 86_400_000;
  return new Intl.DateTimeFormat(options.locale, {
    timeZone,
    weekday: 'short',
    ...(soon ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');
}

type Waiting = { reason: 'outside-hours' | 'before-start' | 'daily-limit' | 'follow-up-delay'; until: string };

const WAITING_WORDS: Record<Waiting['reason'], string> = {
  'outside-hours': 'Waiting for sending hours',
  'before-start': 'Starts',
  'daily-limit': 'Daily limit reached, sending again',
  'follow-up-delay': 'Waiting for follow-ups to fall due',
};

/**
 * Why a launched campaign sends nothing now, in the user's words:
 * "Waiting for sending hours: Mon 09:00 (Madrid)".
 */
export function formatWaiting(waiting: Waiting, timeZone: string, options: { now?: Date; locale?: string } = {}): string {
  const when = `${formatInZone(waiting.until, timeZone, options)} (${zoneName(timeZone)})`;
  return waiting.reason === 'before-start' ? `${WAITING_WORDS[waiting.reason]} ${when}` : `${WAITING_WORDS[waiting.reason]}: ${when}`;
}

/**
 * The preflight's timing in the user's words: "Starts Mon 09:00 (Madrid), first messages done
 * Wed 12:48, follow-ups until Fri 17:00".
 */
export function formatTiming(
  timing: { firstSendAt: string; lastFirstMessageAt: string; lastMessageAt: string },
  timeZone: string,
  options: { now?: Date; locale?: string } = {},
): string {
  const at = (iso: string) => formatInZone(iso, timeZone, options);
  const start = `Starts ${at(timing.firstSendAt)} (${zoneName(timeZone)})`;
  if (timing.lastMessageAt === timing.lastFirstMessageAt) return `${start}, done ${at(timing.lastFirstMessageAt)}`;
  return `${start}, first messages done ${at(timing.lastFirstMessageAt)}, follow-ups until ${at(timing.lastMessageAt)}`;
}
