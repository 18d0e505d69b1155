import { Hono } from 'hono';
import { syncQuerySchema } from '../../../shared/schemas/sync';
import type { AuthedEnv } from '../app-env';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { changesSince } from './change-feed';

/** `/api/sync`: the change feed the extension keeps its offline cache with. Mounted behind `authenticate`. */
export function syncApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();
  app.get('/', validate('query', syncQuerySchema), async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await changesSince(deps, c.get('user').id, since, limit));
  });
  return app;
}
