/**
 * What each Gmail API call the product makes costs in quota units, and which call a request is.
 *
 * Source: "Gmail API usage limits", https://developers.google.com/workspace/gmail/api/reference/quota,
 * the per-method table current since the note "As of May 1, 2026, the usage limits for this API were
 * updated" (stored copy read 2026-12): getProfile 1, history.list 2, messages.list 5,
 * messages.get 20 (5 before 2026), messages.send 100. The stored copy of Google's page ends before
 * `threads.get`; 40 is issue 15's figure, which third-party summaries of the 2026 table repeat
 * (https://developer.nylas.com/docs/cookbook/email/gmail-api-quotas/). Check it against the live page.
 */
export const GMAIL_METHOD_UNITS = {
  'users.getProfile': 1,
  'users.history.list': 2,
  'users.messages.list': 5,
  'users.messages.get': 20,
  'users.threads.get': 40,
  'users.messages.send': 100,
} as const;

export type GmailMethod = keyof typeof GMAIL_METHOD_UNITS;

/** A Gmail path we do not know (a method added later) is charged as the dearest we do: never under-counted. */
export const UNKNOWN_METHOD_UNITS = Math.max(...Object.values(GMAIL_METHOD_UNITS));

/**
 * The Gmail method an HTTP request calls, from its path (`/gmail/v1/users/{userId}/…`, and the media
 * upload form of send under `/upload/`); `'other'` for another Gmail path, null when it is not a
 * Gmail API request at all (OAuth tokens, userinfo: no Gmail quota).
 *
 * @example gmailMethodOf('POST', new URL('https://gmail.googleapis.com/gmail/v1/users/me/messages/send')) // 'users.messages.send'
 */
export function gmailMethodOf(httpMethod: string, url: URL): GmailMethod | 'other' | null {
  const match = /^\/(?:upload\/)?gmail\/v1\/users\/[^/]+(\/.*)?$/.exec(url.pathname);
  if (!match) return null;
  const rest = match[1] ?? '';
  const verb = httpMethod.toUpperCase();
  if (verb === 'POST' && rest === '/messages/send') return 'users.messages.send';
  if (verb !== 'GET') return 'other';
  if (rest === '/profile') return 'users.getProfile';
  if (rest === '/history') return 'users.history.list';
  if (rest === '/messages') return 'users.messages.list';
  if (/^\/messages\/[^/]+$/.test(rest)) return 'users.messages.get';
  if (/^\/threads\/[^/]+$/.test(rest)) return 'users.threads.get';
  return 'other';
}

export function unitsOf(method: GmailMethod | 'other'): number {
  return method === 'other' ? UNKNOWN_METHOD_UNITS : GMAIL_METHOD_UNITS[method];
}
