import { AccountNeedsReconnectError } from '../accounts/account-client';
import { TokenDecryptionError } from '../crypto/token-cipher';
import { googleErrorOf } from '../gmail/google-clients';
import { GmailQuotaWaitError } from '../limits/charge-gmail-calls';

/**
 * What a failed `messages.send` means for the job. The distinction that matters most is whether
 * Gmail may have accepted the message anyway: a 4xx answer means it did not; a 5xx, a timeout or a
 * dropped connection means it may have, so the next attempt must first look for the message.
 * What each kind then does (retry, cool down, give up) is the retry policy (retry-policy.ts).
 */
export type SendFailure =
  | { kind: 'rate-limited'; retryAfterMs: number | null; message: string }
  | { kind: 'retry'; maybeDelivered: boolean; message: string }
  | { kind: 'permanent'; message: string }
  | { kind: 'reconnect'; message: string }
  | { kind: 'configuration'; message: string };

export function classifySendError(error: unknown): SendFailure {
  if (error instanceof AccountNeedsReconnectError) return { kind: 'reconnect', message: error.message };
  if (error instanceof TokenDecryptionError) {
    return { kind: 'configuration', message: 'The server cannot decrypt this account\'s Gmail tokens (wrong ENCRYPTION_KEY); nothing was sent.' };
  }
  // Our own budget held the call back (limits/quota-budget.ts): Gmail never saw it.
  if (error instanceof GmailQuotaWaitError) {
    return { kind: 'rate-limited', retryAfterMs: error.waitMs, message: "This account's Gmail quota for the minute is used; sending from it resumes when the minute frees room." };
  }
  const { status, reason } = googleErrorOf(error);
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || reason === 'dailyLimitExceeded') {
    return { kind: 'rate-limited', retryAfterMs: retryAfterOf(error), message: 'Gmail asked us to slow down (rate limit); sending from this account resumes shortly.' };
  }
  if (status !== undefined && status >= 500) {
    return { kind: 'retry', maybeDelivered: true, message: `Gmail had a temporary problem (${status}); the message will be retried.` };
  }
  if (status === 401 || status === 403) {
    return { kind: 'retry', maybeDelivered: false, message: `Gmail refused the authorisation (${status}${reason ? `: ${reason}` : ''}); the message will be retried.` };
  }
  if (status === 400 || status === 404) {
    return { kind: 'permanent', message: describePermanent(reason) };
  }
  // No HTTP answer at all: a timeout or a dropped connection, after which the message may exist.
  return { kind: 'retry', maybeDelivered: true, message: 'Gmail could not be reached; the message will be retried.' };
}

function describePermanent(reason: string | undefined): string {
  if (reason === 'invalidArgument') return 'Gmail refused the message: the recipient address is not valid.';
  return `Gmail refused the message${reason ? ` (${reason})` : ''}.`;
}

function retryAfterOf(error: unknown): number | null {
  const headers = (error as { response?: { headers?: { get?: unknown } & Record<string, unknown> } })?.response?.headers;
  // gaxios answers with its own fetch's Headers (not the global class): test for get(), not instanceof.
  const raw = typeof headers?.get === 'function' ? (headers.get as (name: string) => unknown)('retry-after') : headers?.['retry-after'];
  const value = typeof raw === 'string' ? raw : null;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
