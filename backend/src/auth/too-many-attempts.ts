import { ProblemError } from '../http/problem';

/**
 * The 429 for a throttled password check (RFC 6585 §4), with `Retry-After` in seconds (RFC 9110
 * §10.2.3). `field` puts the reason beside the password field of a form as well.
 *
 * @example throw tooManyAttempts(900, 'Too many failed sign-ins.')
 */
export function tooManyAttempts(seconds: number, reason: string, field?: string): ProblemError {
  const minutes = Math.ceil(seconds / 60);
  const detail = `${reason} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  return new ProblemError('too-many-requests', {
    detail,
    ...(field ? { errors: [{ field, message: detail }] } : {}),
    headers: { 'retry-after': String(seconds) },
    extra: { retryAfterSeconds: seconds },
  });
}
