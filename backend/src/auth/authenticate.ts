import { createMiddleware } from 'hono/factory';
import type { AuthedEnv } from '../app-env';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { resolveApiToken } from '../tokens/api-tokens';
import { assertSameOrigin } from './same-origin';
import { readSessionCookie } from './session-cookie';
import { resolveSession } from './sessions';
import { toUser } from './users';

/**
 * Every `/api/*` route accepts either the session cookie or `Authorization: Bearer <token>`.
 * A request that sends a bearer token is judged by it alone: a bad token is 401 even with a good cookie.
 */
export function authenticate(deps: AppDeps) {
  return createMiddleware<AuthedEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const resolved = match ? await resolveApiToken(deps, match[1]!) : null;
      if (!resolved) throw unauthenticated('The API token is missing, malformed or revoked.');
      c.set('user', toUser(resolved.user));
      c.set('authentication', { kind: 'token', tokenId: resolved.tokenId });
      return next();
    }
    const cookie = readSessionCookie(c);
    const session = cookie ? await resolveSession(deps, cookie) : null;
    if (!session) throw unauthenticated(cookie ? 'Your session has ended. Sign in again.' : undefined);
    assertSameOrigin(c, deps.config);
    c.set('user', session.user);
    c.set('authentication', { kind: 'session', sessionId: session.sessionId });
    return next();
  });
}

function unauthenticated(detail?: string) {
  return new ProblemError('unauthenticated', {
    detail: detail ?? 'Sign in, or send an API token as "Authorization: Bearer <token>".',
    headers: { 'www-authenticate': 'Bearer realm="iconnect"' },
  });
}
