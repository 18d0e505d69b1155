import type { OAuth2Client } from 'google-auth-library';
import type { Clock } from '../lib/clock';
import { gmailMethodOf, unitsOf } from './gmail-quota-costs';
import type { QuotaBudget } from './quota-budget';

/** A Gmail call that was not made: the account's quota minute has no room for it until `dueAt`. */
export class GmailQuotaWaitError extends Error {
  override name = 'GmailQuotaWaitError';
  /** From when the call was refused until `dueAt`; null when it can never fit. */
  readonly waitMs: number | null;
  constructor(readonly accountId: string, readonly dueAt: Date | null, now: Date) {
    super(dueAt ? `This account's Gmail quota for the minute is used; the call waits until ${dueAt.toISOString()}.` : "The call needs more Gmail quota units than this account's budget holds.");
    this.waitMs = dueAt ? Math.max(0, dueAt.getTime() - now.getTime()) : null;
  }
}

/**
 * Charges every Gmail API request made through `auth` to the account's quota budget BEFORE it goes
 * out: a request interceptor on the client's transporter, the one path every Gmail method of
 * @googleapis/gmail takes (the OAuth token and userinfo requests pass uncharged: no Gmail quota).
 * A request that does not fit is not sent: it fails with GmailQuotaWaitError. A retry the library
 * makes by itself (GETs after a 5xx) skips interceptors, so it is recorded as it starts.
 *
 * @example chargeGmailCalls(auth, deps.quota, account.id, deps.clock)
 */
export function chargeGmailCalls(auth: OAuth2Client, budget: QuotaBudget, accountId: string, clock: Clock): void {
  auth.transporter.interceptors.request.add({
    resolved: async (config) => {
      const method = gmailMethodOf(config.method ?? 'GET', new URL(String(config.url)));
      if (method === null) return config;
      const units = unitsOf(method);
      const now = clock.now();
      const charged = budget.charge(accountId, units, method === 'users.messages.send' ? 'send' : 'read', now);
      if (!charged.ok) throw new GmailQuotaWaitError(accountId, charged.dueAt, now);
      const retry = config.retryConfig;
      if (retry) {
        const before = retry.onRetryAttempt;
        config.retryConfig = {
          ...retry,
          onRetryAttempt: async (error) => {
            budget.record(accountId, units, clock.now());
            await before?.(error);
          },
        };
      }
      return config;
    },
  });
}
