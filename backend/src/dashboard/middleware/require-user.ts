import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { loginPathFor } from '../lib/safe-next-path';
import { currentSession } from './current-session';

/**
 * Signed-in pages: sets `user` and `sessionId`, or sends the visitor to sign in (303) and back here
 * afterwards. Only a GET can be come back to, so a form post that lost its session lands on home.
 */
export function requireUser(deps: AppDeps) {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const session = await currentSession(deps, c);
    if (!session) {
      const url = new URL(c.req.url);
      const back = c.req.method === 'GET' ? url.pathname + url.search : '/';
      return c.redirect(loginPathFor(back), 303);
    }
    c.set('user', session.user);
    c.set('sessionId', session.sessionId);
    await next();
  });
}
