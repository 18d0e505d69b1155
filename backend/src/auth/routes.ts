import { Hono } from 'hono';
import { loginBodySchema } from '../../../shared/schemas/auth';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { revokeApiToken } from '../tokens/api-tokens';
import { changePassword, logIn, signUp } from './auth-service';
import { authenticate } from './authenticate';
import { passwordChangeRequestSchema, signupRequestSchema } from './password-rule';
import { assertSameOrigin } from './same-origin';
import { clearSessionCookie } from './session-cookie';
import { endSession } from './sessions';

/** `/api/auth/*`: sign-up, sign-in, sign-out and password change. */
export function authApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.post('/signup', validate('json', signupRequestSchema), async (c) => {
    assertSameOrigin(c, deps.config);
    const user = await signUp(deps, c, c.req.valid('json'));
    return c.json({ user }, 201);
  });

  app.post('/login', validate('json', loginBodySchema), async (c) => {
    // Login CSRF: a foreign page must not sign the browser in to an account of the attacker's.
    assertSameOrigin(c, deps.config);
    const user = await logIn(deps, c, c.req.valid('json'));
    return c.json({ user });
  });

  // Signs out what made the request: the browser's session, or the API token itself (the
  // extension's Sign out), so nothing signed out is left working.
  app.post('/logout', authenticate(deps), async (c) => {
    const authentication = c.get('authentication');
    if (authentication.kind === 'session') {
      await endSession(deps, authentication.sessionId);
      clearSessionCookie(c, deps.config);
    } else {
      await revokeApiToken(deps, c.get('user').id, authentication.tokenId);
    }
    await recordAudit(deps, { userId: c.get('user').id, actor: actorOf(c), action: 'auth.sign_out' });
    return c.body(null, 204);
  });

  app.post('/password', authenticate(deps), validate('json', passwordChangeRequestSchema), async (c) => {
    const authentication = c.get('authentication');
    const keep = authentication.kind === 'session' ? authentication.sessionId : null;
    await changePassword(deps, c.get('user').id, keep, c.req.valid('json'), actorOf(c));
    return c.body(null, 204);
  });

  return app;
}
