import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { Health } from '../../../shared/schemas/health';
import type { AppDeps } from '../deps';

/** `GET /health`: for load balancers and uptime checks; 503 when the database does not answer. */
export function healthRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    let db: Health['db'] = 'ok';
    try {
      await deps.db.run(sql`SELECT 1`);
    } catch (error) {
      deps.logger.error('health check: database unreachable', { error });
      db = 'error';
    }
    const body: Health = { ok: db === 'ok', version: deps.config.version, db };
    return c.json(body, db === 'ok' ? 200 : 503, { 'cache-control': 'no-store' });
  });
  return app;
}
