import { createMiddleware } from 'hono/factory';
import { assertSameOrigin } from '../../auth/same-origin';
import type { AppDeps } from '../../deps';

/**
 * CSRF defence for every dashboard form post, sign-in included (login CSRF would sign the browser
 * in to an attacker's account). Throws ProblemError 'cross-origin'; the dashboard's error handler
 * answers it as a 403 page.
 */
export function sameOriginOnly(deps: Pick<AppDeps, 'config'>) {
  return createMiddleware(async (c, next) => {
    assertSameOrigin(c, deps.config);
    await next();
  });
}
