import { GMAIL_METHOD_UNITS } from './gmail-quota-costs';

/**
 * Each account's Gmail quota units over a rolling minute, kept by the engine so it never asks Google
 * for more than the operator's project allows (GMAIL_QUOTA_UNITS_PER_USER_MINUTE: 6,000 for a Cloud
 * project made since 2026-05-01, 15,000 before). Every Gmail call is charged BEFORE it is made
 * (accounts/account-client.ts); a call that does not fit is not made, and the scheduler waits until
 * `fitsAt` (sending/tick.ts).
 *
 * Sends may use the budget minus a reserve; reads may use all of it, so the reads that keep
 * follow-ups correct (history polling, the messages.get of what arrived) are never starved by sends.
 * The reserve is a sixth of the budget (1,000 of 6,000 units): a mailbox is polled at most once a
 * minute (history.list 2 units, getProfile 1) and each message that arrived costs a messages.get (20),
 * so 1,000 units read about 49 arrivals a minute, as many as the ~50 sends a minute the rest allows
 * (a reply or a bounce for every message sent). The thread check before a follow-up (threads.get,
 * 40) is a read, but the scheduler makes room for it under the send ceiling with the send itself
 * (SEND_JOB_UNITS): a follow-up never goes out without its check.
 *
 * In memory, per process: on Node that is the whole engine, one process, one ledger. A ledger that
 * starts empty while Google's minute does not (a restarted process; on Workers a cron run in a new
 * isolate: each run ticks for most of its minute, so Google's rolling minute overlaps the previous
 * run's calls) learns the sends from the send log each tick (`rememberSends`, limits/recent-sends.ts).
 */
export type QuotaUse = 'send' | 'read';

export type QuotaBudget = {
  /** The budget per account and minute; null when the budget is switched off (counts, never refuses). */
  unitsPerMinute: number | null;
  unitsLastMinute(accountId: string, now: Date): number;
  /** When `units` of this use fit in the account's rolling minute: `now` if they do; null if they never can. */
  fitsAt(accountId: string, units: number, use: QuotaUse, now: Date): Date | null;
  /** Records the units when they fit; otherwise records nothing and says when they would. */
  charge(accountId: string, units: number, use: QuotaUse, now: Date): { ok: true } | { ok: false; dueAt: Date | null };
  /** Records units already spent (the client library retried a call by itself). */
  record(accountId: string, units: number, now: Date): void;
  /**
   * Sends the send log holds for the last minute (`sentAt`s, oldest first) beyond those this ledger
   * charged: it started after them (a restarted process, a Workers cron run in a new isolate). The
   * missing ones, the oldest, are recorded as sends at their times. Reads of that time are not in
   * any log: the read reserve absorbs them.
   */
  rememberSends(accountId: string, sentAts: Date[], now: Date): void;
};

export const QUOTA_WINDOW_MS = 60_000;
export const DEFAULT_QUOTA_UNITS_PER_USER_MINUTE = 6_000;
/** The reserve for reads: a sixth of the budget (see above for why). */
export const READ_RESERVE_SHARE = 1 / 6;

/**
 * The most one send job costs: the exactly-once search before a retry (messages.list), the thread
 * check before a follow-up (threads.get) and the send. The scheduler starts a job only when this fits.
 */
export const SEND_JOB_UNITS = GMAIL_METHOD_UNITS['users.messages.list'] + GMAIL_METHOD_UNITS['users.threads.get'] + GMAIL_METHOD_UNITS['users.messages.send'];
const SEND_UNITS = GMAIL_METHOD_UNITS['users.messages.send'];

/**
 * The shortest time between one account's sends that the budget allows, for estimates (the send plan
 * behind the preflight's timing and a campaign's expected finish): a job starts when its dearest case
 * fits under the send ceiling, and each send then costs at least `messages.send`, so at most
 * `floor((ceiling - SEND_JOB_UNITS) / SEND_UNITS) + 1` sends fit in a rolling minute (49 at 6,000
 * units). Follow-ups also read their thread, so they go a little slower than this floor. 0: no budget.
 *
 * @example quotaSendIntervalMs(6_000) // 1225 (49 sends a minute)
 */
export function quotaSendIntervalMs(unitsPerMinute: number | null): number {
  if (unitsPerMinute === null) return 0;
  const ceiling = unitsPerMinute - Math.round(unitsPerMinute * READ_RESERVE_SHARE);
  const sends = Math.max(1, Math.floor((ceiling - SEND_JOB_UNITS) / SEND_UNITS) + 1);
  return Math.ceil(QUOTA_WINDOW_MS / sends);
}

/**
 * @example
 * const quota = createQuotaBudget({ unitsPerMinute: 6_000 });
 * quota.charge(accountId, 100, 'send', clock.now()); // { ok: true } until 5,000 units this minute
 */
export function createQuotaBudget(options: { unitsPerMinute: number | null }): QuotaBudget {
  const limit = options.unitsPerMinute;
  const reserve = limit === null ? 0 : Math.round(limit * READ_RESERVE_SHARE);
  const ceiling = (use: QuotaUse) => (limit === null ? Infinity : use === 'send' ? limit - reserve : limit);
  const charges = new Map<string, Array<{ at: number; units: number; use: QuotaUse }>>();

  /** The account's charges still inside the minute ending at `now`, oldest first. */
  const recent = (accountId: string, now: number) => {
    const list = (charges.get(accountId) ?? []).filter((charge) => charge.at > now - QUOTA_WINDOW_MS);
    if (list.length === 0) charges.delete(accountId);
    else charges.set(accountId, list);
    return list;
  };
  const sum = (list: Array<{ units: number }>) => list.reduce((total, charge) => total + charge.units, 0);

  const fitsAt = (accountId: string, units: number, use: QuotaUse, now: Date): Date | null => {
    const max = ceiling(use);
    if (units > max) return null;
    const list = recent(accountId, now.getTime());
    let used = sum(list);
    if (used + units <= max) return now;
    // A charge leaves the rolling minute a minute after it was made: free the oldest until it fits.
    for (const charge of list) {
      used -= charge.units;
      if (used + units <= max) return new Date(charge.at + QUOTA_WINDOW_MS);
    }
    return null; // unreachable: with every charge gone, `units <= max` fits
  };

  const record = (accountId: string, units: number, now: Date, use: QuotaUse = 'read') => {
    charges.set(accountId, [...recent(accountId, now.getTime()), { at: now.getTime(), units, use }]);
  };

  return {
    unitsPerMinute: limit,
    unitsLastMinute: (accountId, now) => sum(recent(accountId, now.getTime())),
    fitsAt,
    charge(accountId, units, use, now) {
      const at = fitsAt(accountId, units, use, now);
      if (at === null || at.getTime() > now.getTime()) return { ok: false, dueAt: at };
      record(accountId, units, now, use);
      return { ok: true };
    },
    record: (accountId, units, now) => record(accountId, units, now),
    rememberSends(accountId, sentAts, now) {
      const list = recent(accountId, now.getTime());
      const inWindow = sentAts.filter((at) => at.getTime() > now.getTime() - QUOTA_WINDOW_MS && at.getTime() <= now.getTime());
      const missing = inWindow.length - list.filter((charge) => charge.use === 'send').length;
      if (missing <= 0) return;
      const added = inWindow.slice(0, missing).map((at) => ({ at: at.getTime(), units: SEND_UNITS, use: 'send' as const }));
      // Oldest first, as fitsAt reads them.
      charges.set(accountId, [...list, ...added].sort((a, b) => a.at - b.at));
    },
  };
}
