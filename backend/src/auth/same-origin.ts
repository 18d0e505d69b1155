import type { Context } from 'hono';
import type { Config } from '../config/config';
import { ProblemError } from '../http/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests: an unsafe method must come from our own origin.
 * Browsers send `Origin` on every cross-origin POST and `Sec-Fetch-Site` on every request, so a
 * page elsewhere cannot pass; clients that send neither (curl, scripts) are not browsers carrying
 * someone's cookie. Bearer-token requests are never checked: a token is not sent automatically.
 *
 * The one origin allowed is `PUBLIC_URL`'s, never one derived from the request: its Host header is
 * the client's to choose (DNS rebinding, a proxy passing any Host), so `Host: evil.example` with
 * `Origin: http://evil.example` would otherwise look same-origin (issue 12).
 */
export function assertSameOrigin(c: Context, config: Pick<Config, 'publicOrigin'>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== config.publicOrigin) {
    throw new ProblemError('cross-origin', { detail: `Requests from ${origin} may not use this server's session.` });
  }
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new ProblemError('cross-origin', { detail: 'Cross-site requests may not use this server\'s session.' });
  }
}
