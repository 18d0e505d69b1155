import { Hono } from 'hono';
import type { MeResponse } from '../../../shared/schemas/auth';
import type { AuthedEnv } from '../app-env';

/** `/api/me`: who is signed in. Mounted behind `authenticate`. */
export function meApi() {
  const app = new Hono<AuthedEnv>();
  app.get('/', (c) =>
    c.json({ user: c.get('user'), auth: c.get('authentication').kind } satisfies MeResponse),
  );
  return app;
}
