import type { Context } from 'hono';
import type { Caller } from './bearer-auth';
import { apiError } from './google-errors';
import { DEFAULT_QUOTA_UNITS_PER_USER_MINUTE, QUOTA_UNITS } from './quota-units';
import type { SandboxDeps } from './sandbox-deps';

/**
 * Charges a Gmail call its units against the caller's per-user and the project's per-minute quota,
 * or answers as Google does when either is used up. Returns undefined when the call may proceed.
 *
 * Google's answer: HTTP 403 with `error.errors[0].reason` `userRateLimitExceeded` (the per-user
 * limit) or `rateLimitExceeded` (the per-project limit), domain `usageLimits`. Sources: the quota
 * page's table names those two reasons for the two per-minute limits
 * (https://developers.google.com/gmail/api/reference/quota, "Exceeded reason"), and the "Resolve
 * errors" guide gives usage-limit errors as 403s with those reasons and the messages "User Rate
 * Limit Exceeded" / "Rate Limit Exceeded" (https://developers.google.com/workspace/gmail/api/guides/handle-errors);
 * its 429 is for the mail-sending, bandwidth and concurrency limits (send-limits.ts). The stored
 * copy of that guide is cut off before its 403 section: the body below follows its older edition.
 * No Retry-After on a 403: Google sends none; clients back off.
 */
export async function chargeQuota(c: Context, deps: SandboxDeps, caller: Caller, operation: keyof typeof QUOTA_UNITS): Promise<Response | undefined> {
  const mailbox = await deps.mailboxes.getMailbox(caller.mailbox);
  const project = await deps.project.get();
  const budgets = { user: mailbox?.quotaUnitsPerMinute ?? DEFAULT_QUOTA_UNITS_PER_USER_MINUTE, project: project.quotaUnitsPerMinute };
  const verdict = deps.quota.charge(caller.mailbox, QUOTA_UNITS[operation], budgets, deps.clock.now());
  if (verdict.ok) return undefined;
  deps.quota.noteRefusal(caller.mailbox);
  return verdict.over === 'user'
    ? apiError(c, 403, { reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' })
    : apiError(c, 403, { reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
}
