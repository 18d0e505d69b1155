import { Hono } from 'hono';
import { emailChangeBodySchema, type MeResponse, type User } from '../../../shared/schemas/auth';
import type { AuthedEnv } from '../app-env';
import { actorOf } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { changeOwnEmail } from './change-email';

/** `/api/me`: who is signed in, and correcting one's own email address. Mounted behind `authenticate`. */
export function meApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();
  app.get('/', (c) =>
    c.json({ user: c.get('user'), auth: c.get('authentication').kind } satisfies MeResponse),
  );

  /** `{ email, password }`: 409 when another account has the address, 400 naming the field otherwise. */
  app.patch('/', validate('json', emailChangeBodySchema), async (c) => {
    const user = await changeOwnEmail(deps, c.get('user').id, c.req.valid('json'), actorOf(c));
    return c.json({ user } satisfies { user: User });
  });
  return app;
}
