import type { Context } from 'hono';
import { readSessionCookie } from '../../auth/session-cookie';
import { resolveSession } from '../../auth/sessions';
import type { AppDeps } from '../../deps';

/** The signed-in user and session of this browser, or null when signed out (or the cookie is stale). */
export async function currentSession(deps: AppDeps, c: Context) {
  const token = readSessionCookie(c);
  return token ? resolveSession(deps, token) : null;
}
