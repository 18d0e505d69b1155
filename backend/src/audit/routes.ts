import { Hono } from 'hono';
import { auditQuerySchema, type AuditPage } from '../../../shared/schemas/audit';
import type { AuthedEnv } from '../app-env';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { auditPage } from './audit-store';

/** `/api/audit`: what was done in this account and by whom, newest first. Mounted behind `authenticate`. */
export function auditApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.get('/', validate('query', auditQuerySchema), async (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json((await auditPage(deps, c.get('user').id, { cursor, limit })) satisfies AuditPage);
  });

  return app;
}
