/**
 * Small formatting helpers shared by the panel's screens. Numbers, plurals, relative days and
 * clock times all go through Intl (issue 14: "1 reply", "50,000 recipients"), never hand-made.
 */

type LocaleOption = { locale?: string };
type ClockOptions = { now?: Date; locale?: string };

export function formatCount(n: number, options: LocaleOption = {}): string {
  return new Intl.NumberFormat(options.locale).format(n);
}

/** The words of a noun for each plural category the panel's language uses ("one", "other"). */
export type PluralForms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** The form of `forms` that goes with `n`: 1 → "reply", 2 → "replies" (Intl.PluralRules). */
export function pluralWord(n: number, forms: PluralForms, options: LocaleOption = {}): string {
  return forms[new Intl.PluralRules(options.locale).select(n)] ?? forms.other;
}

/**
 * A count with its noun: 1 → "1 reply", 50000 → "50,000 recipients".
 *
 * @example formatPlural(2, { one: 'reply', other: 'replies' }) // "2 replies"
 */
export function formatPlural(n: number, forms: PluralForms, options: LocaleOption = {}): string {
  return `${formatCount(n, options)} ${pluralWord(n, forms, options)}`;
}

/** 0.1234 → "12%"; 0.0123 → "1.2%"; 0 → "0%". */
export function formatRate(rate: number, options: LocaleOption = {}): string {
  const digits = rate !== 0 && rate < 0.1 ? 1 : 0;
  return new Intl.NumberFormat(options.locale, { style: 'percent', maximumFractionDigits: digits }).format(rate);
}

/** "just now", "10 minutes ago", "3 hours ago", "yesterday", for "last updated" notes. */
export function formatAgo(iso: string, now: Date = new Date(), options: LocaleOption = {}): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const relative = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < 7) return relative.format(-days, 'day');
  return new Date(iso).toLocaleDateString(options.locale);
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

/** The calendar day of an instant on the zone's clock, as a day number (days since 1970-01-01). */
function dayInZone(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

/** "09:00" on the zone's clock. */
export function formatClock(iso: string, timeZone: string, options: LocaleOption = {}): string {
  return new Intl.DateTimeFormat(options.locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/**
 * The day of an instant as the campaign's clock reads it: "today", "tomorrow", "Mon" within the
 * coming week, "Mon 16 Mar" further off.
 */
export function formatDay(iso: string, timeZone: string, options: ClockOptions = {}): string {
  const at = new Date(iso);
  const ahead = dayInZone(at, timeZone) - dayInZone(options.now ?? new Date(), timeZone);
  if (ahead === 0 || ahead === 1) return new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' }).format(ahead, 'day');
  const soon = ahead > 0 && ahead < 7;
  return new Intl.DateTimeFormat(options.locale, { timeZone, weekday: 'short', ...(soon ? {} : { day: 'numeric', month: 'short' }) })
    .format(at)
    .replace(',', '');
}

/**
 * An instant as the campaign's clock shows it: "today 19:00", "Mon 09:00", "Mon 16 Mar 09:00".
 * The zone is the campaign's, not the browser's: sending hours are read there.
 */
export function formatInZone(iso: string, timeZone: string, options: ClockOptions = {}): string {
  return `${formatDay(iso, timeZone, options)} ${formatClock(iso, timeZone, options)}`;
}

type Waiting = { reason: 'outside-hours' | 'before-start' | 'daily-limit' | 'follow-up-delay' | 'ab-test'; until: string };

const WAITING_WORDS: Record<Waiting['reason'], string> = {
  'outside-hours': 'Outside sending hours until',
  'before-start': 'Starts',
  'daily-limit': 'Daily limit reached: sending again',
  'follow-up-delay': 'Follow-ups not due until',
  // The rest wait for the A/B test's winner, picked once the wait after the last test message is over (issue 18).
  'ab-test': 'A/B test: winner picked around',
};

/**
 * Why a launched campaign sends nothing now, in the user's words:
 * "Outside sending hours until Mon 09:00 (Madrid)".
 */
export function formatWaiting(waiting: Waiting, timeZone: string, options: ClockOptions = {}): string {
  return `${WAITING_WORDS[waiting.reason]} ${formatInZone(waiting.until, timeZone, options)} (${zoneName(timeZone)})`;
}

/** A piece of a sentence: words, or a moment with its instant (drawn as a <time>). */
export type Segment = string | { iso: string; text: string };

type Timing = { firstSendAt: string; lastFirstMessageAt: string; lastMessageAt: string };

/**
 * The preflight's timing in the user's words, as segments: "Starts Mon 09:00 (Madrid), first
 * messages done Wed, follow-ups until Fri 17:00". A moment on the same day as the one before it
 * gives its time only ("Starts today 15:00 (Madrid), done by 15:40").
 */
export function timingSegments(timing: Timing, timeZone: string, options: ClockOptions = {}): Segment[] {
  const sameDay = (a: string, b: string) => dayInZone(new Date(a), timeZone) === dayInZone(new Date(b), timeZone);
  const clock = (iso: string) => ({ iso, text: formatClock(iso, timeZone, options) });
  const day = (iso: string) => ({ iso, text: formatDay(iso, timeZone, options) });
  const full = (iso: string) => ({ iso, text: formatInZone(iso, timeZone, options) });
  const { firstSendAt: first, lastFirstMessageAt: firstDone, lastMessageAt: last } = timing;
  const start: Segment[] = ['Starts ', full(first), ` (${zoneName(timeZone)})`];
  if (last === firstDone) return [...start, ', done ', ...(sameDay(firstDone, first) ? ['by ', clock(firstDone)] : [full(firstDone)])];
  return [
    ...start,
    ', first messages done ',
    ...(sameDay(firstDone, first) ? ['by ', clock(firstDone)] : [day(firstDone)]),
    ', follow-ups until ',
    sameDay(last, firstDone) ? clock(last) : full(last),
  ];
}

/** timingSegments as one line of text. */
export function formatTiming(timing: Timing, timeZone: string, options: ClockOptions = {}): string {
  return timingSegments(timing, timeZone, options)
    .map((segment) => (typeof segment === 'string' ? segment : segment.text))
    .join('');
}
