import type { Mailbox, MailboxStore } from './mailbox-store';

/**
 * Gmail's per-user sending limits, over rolling windows:
 * - per minute: 150 sends, what the pre-2026 quota (15,000 units a user a minute, 100 per
 *   messages.send) allowed; the quota units themselves, 6,000 a minute since 2026-05-01, are
 *   charged for every method separately (quota-response.ts), so with the default quota they bind first;
 * - per day: 500 messages for consumer Gmail (2,000 Workspace) over a rolling 24 hours.
 *
 * Both answer 429. The handle-errors guide says exceeding the mail sending limits returns
 * "HTTP 429 Too Many Requests 'User-rate limit exceeded' '(Mail sending)' ... with time to retry"
 * (https://developers.google.com/gmail/api/guides/handle-errors#resolve_a_429_error_too_many_requests),
 * so the daily limit is 429 `rateLimitExceeded` (domain `usageLimits`) with "(Mail sending)" in
 * the message and a long Retry-After, not the project-level 403 `dailyLimitExceeded`.
 */

const MINUTE_MS = 60_000;
// Its own, not sending/daily-limits.ts's: the sandbox stands in for Google, and a model that
// borrowed the engine's window would agree with the engine even if the engine were wrong.
const DAY_MS = 24 * 60 * MINUTE_MS;

export type LimitVerdict = { ok: true } | { ok: false; kind: 'perMinute' | 'daily'; retryAfterSeconds: number; retryAt: Date; message: string };

export async function checkSendLimits(store: MailboxStore, mailbox: Mailbox, now: Date): Promise<LimitVerdict> {
  const times = await store.apiSendTimes(mailbox.address, now.getTime() - DAY_MS);
  const verdict = (kind: 'perMinute' | 'daily', windowMs: number, inWindow: number[], limit: number): LimitVerdict | undefined => {
    if (inWindow.length < limit) return undefined;
    // The window frees a slot when the send that is `limit`-th from the end ages out.
    const freesAt = inWindow[inWindow.length - limit]! + windowMs;
    const retryAt = new Date(Math.max(freesAt, now.getTime() + 1000));
    const suffix = kind === 'daily' ? ' (Mail sending)' : '';
    return {
      ok: false, kind, retryAt,
      retryAfterSeconds: Math.ceil((retryAt.getTime() - now.getTime()) / 1000),
      message: `User-rate limit exceeded.  Retry after ${retryAt.toISOString()}${suffix}`,
    };
  };
  const lastMinute = times.filter((t) => t > now.getTime() - MINUTE_MS);
  return verdict('daily', DAY_MS, times, mailbox.dailyLimit) ?? verdict('perMinute', MINUTE_MS, lastMinute, mailbox.perMinuteLimit) ?? { ok: true };
}
