import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Error bodies in the shapes Google's servers answer, so the real client library turns them into
 * the same `GaxiosError`s (`status`, `response.data.error.errors[0].reason`) as in production.
 * https://developers.google.com/gmail/api/guides/handle-errors
 */

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const DEFAULT_REASONS: Record<number, string> = {
  400: 'badRequest',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'User-rate limit exceeded.',
  500: 'Backend Error',
  503: 'The service is currently unavailable.',
};

/** Quota reasons live in the `usageLimits` domain; everything else in `global`. */
const USAGE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded', 'quotaExceeded']);

export type ApiErrorOptions = { reason?: string | undefined; message?: string | undefined; retryAfterSeconds?: number | undefined };

export function apiErrorBody(code: number, options: ApiErrorOptions = {}) {
  const reason = options.reason ?? DEFAULT_REASONS[code] ?? 'backendError';
  const message = options.message ?? DEFAULT_MESSAGES[code] ?? 'Error';
  const detail: Record<string, string> = {
    message: code === 401 ? 'Invalid Credentials' : message,
    domain: USAGE_LIMIT_REASONS.has(reason) ? 'usageLimits' : 'global',
    reason,
  };
  if (code === 401) Object.assign(detail, { location: 'Authorization', locationType: 'header' });
  return { error: { code, message, errors: [detail], status: STATUS_NAMES[code] ?? 'UNKNOWN' } };
}

/** A Gmail API error response; 429s carry `Retry-After` (RFC 9110 §10.2.3) as Gmail's do. */
export function apiError(c: Context, code: number, options: ApiErrorOptions = {}) {
  if (code === 429) c.header('Retry-After', String(Math.max(1, Math.ceil(options.retryAfterSeconds ?? 1))));
  // RFC 6750 §3: a rejected bearer token is named in WWW-Authenticate.
  if (code === 401) c.header('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
  if (code === 403 && options.reason === 'insufficientPermissions') {
    c.header('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"');
  }
  return c.json(apiErrorBody(code, options), code as ContentfulStatusCode);
}

/** OAuth endpoints answer RFC 6749 §5.2 bodies: `{ error, error_description }`. */
export function oauthError(c: Context, code: number, error: string, description: string) {
  return c.json({ error, error_description: description }, code as ContentfulStatusCode);
}

/** The OAuth `error` code a fault with no explicit reason answers with. */
export function defaultOAuthErrorCode(status: number): string {
  if (status === 400) return 'invalid_grant';
  if (status === 401) return 'invalid_client';
  if (status === 403) return 'access_denied';
  if (status === 429) return 'rate_limit_exceeded';
  return 'internal_failure';
}
