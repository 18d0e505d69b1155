import type { Context } from 'hono';
import type { Config } from '../config/config';
import { ProblemError } from '../http/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests: an unsafe method must come from our own origin.
 * Browsers send `Origin` on every cross-origin POST and `Sec-Fetch-Site` on every request, so a
 * page elsewhere cannot pass; clients that send neither (curl, scripts) are not browsers carrying
 * someone's cookie. Bearer-token requests are never checked: a token is not sent automatically.
 */
export function assertSameOrigin(c: Context, config: Config): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const allowed = new Set([config.publicOrigin, new URL(c.req.url).origin]);
  const origin = c.req.header('origin');
  if (origin !== undefined && !allowed.has(origin)) {
    throw new ProblemError('cross-origin', { detail: `Requests from ${origin} may not use this server's session.` });
  }
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new ProblemError('cross-origin', { detail: 'Cross-site requests may not use this server\'s session.' });
  }
}
