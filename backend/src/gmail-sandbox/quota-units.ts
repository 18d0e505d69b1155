import type { ScopedOperation } from './scopes';

/**
 * Google's Gmail API quota, as the sandbox models it for Cloud projects created on or after
 * 2026-05-01 (every self-hosted install makes a new project).
 *
 * Source: "Gmail API usage limits", https://developers.google.com/workspace/gmail/api/reference/quota
 * (the page with the note "As of May 1, 2026, the usage limits for this API were updated"):
 * - "Per minute per project: 1,200,000 quota units"; "Per minute per user per project: 6,000 quota
 *   units" (projects that used the API between November 2025 and April 2026 keep their old quota,
 *   15,000 per user per minute: settable per mailbox through the control API);
 * - a daily per-project billing threshold of 80,000,000 units, which charges rather than refuses:
 *   not modelled (nothing is refused at it).
 *
 * Its own table, not the engine's (limits/gmail-quota-costs.ts): the sandbox stands in for Google,
 * and a model that borrowed the engine's figures would agree with the engine even if both were wrong.
 */
export const DEFAULT_QUOTA_UNITS_PER_USER_MINUTE = 6_000;
export const DEFAULT_QUOTA_UNITS_PER_PROJECT_MINUTE = 1_200_000;

/**
 * Units each method the sandbox serves costs, from the page's current "Per-method quota usage" table
 * (the stored copy read 2026-12: getProfile 1, history.list 2, messages.list 5, messages.get 20,
 * messages.send 100; older copies of the page say messages.get 5). The stored copy of Google's page
 * ends before `threads.get`: 40 is the figure issue 15 gives and third-party summaries of the
 * 2026 table repeat (https://developer.nylas.com/docs/cookbook/email/gmail-api-quotas/).
 * `userinfo` is Google's OpenID endpoint, not a Gmail method: no Gmail quota.
 */
export const QUOTA_UNITS: Record<Exclude<ScopedOperation, 'userinfo'>, number> = {
  profile: 1, // users.getProfile
  history: 2, // users.history.list
  list: 5, // users.messages.list
  get: 20, // users.messages.get
  threads: 40, // users.threads.get
  send: 100, // users.messages.send
};

export const QUOTA_WINDOW_MS = 60_000;
