import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import type { AuthedEnv } from '../app-env';
import { clearSessionCookie } from '../auth/session-cookie';
import { checkStepUpPassword } from '../auth/step-up';
import { findUserById } from '../auth/users';
import type { AppDeps } from '../deps';
import { users } from '../db/schema';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { deleteUserAndData } from './delete-user';
import { exportUserData } from './export-data';

const deleteBody = z.object({ password: z.string().min(1, 'Enter your password to confirm').max(256) }).strict();
const settingsPatch = z.object({ truncateIpAddresses: z.boolean() }).partial().strict();

/** The privacy policy's promises as routes: `GET /api/export` and `DELETE /api/me`. Mounted behind `authenticate`. */
export function privacyApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.get('/export', async (c) => {
    const data = await exportUserData(deps, c.get('user').id);
    return c.json(data, 200, {
      'content-disposition': `attachment; filename="iconnect-export-${data.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    });
  });

  /** Privacy settings: `truncateIpAddresses` keeps only a /24 (IPv4) or /48 (IPv6) of tracked visitors' addresses. */
  app.get('/settings', async (c) => {
    const user = await findUserById(deps, c.get('user').id);
    return c.json({ truncateIpAddresses: user?.truncateIpAddresses ?? false });
  });

  app.patch('/settings', validate('json', settingsPatch), async (c) => {
    const patch = c.req.valid('json');
    if (patch.truncateIpAddresses !== undefined) {
      await deps.db.update(users).set({ truncateIpAddresses: patch.truncateIpAddresses }).where(eq(users.id, c.get('user').id));
    }
    const user = await findUserById(deps, c.get('user').id);
    return c.json({ truncateIpAddresses: user?.truncateIpAddresses ?? false });
  });

  app.delete('/me', validate('json', deleteBody), async (c) => {
    const user = await findUserById(deps, c.get('user').id);
    if (!user || !(await checkStepUpPassword(deps, user, c.req.valid('json').password, 'password'))) {
      throw new ProblemError('validation-failed', {
        detail: 'The password is wrong; nothing was deleted.',
        errors: [{ field: 'password', message: 'The password is wrong' }],
      });
    }
    const result = await deleteUserAndData(deps, user.id);
    clearSessionCookie(c, deps.config);
    return c.json({ deleted: true, ...result });
  });

  return app;
}
