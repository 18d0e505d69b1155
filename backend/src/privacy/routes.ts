import { Hono } from 'hono';
import * as z from 'zod';
import { settingsPatchSchema, type Settings } from '../../../shared/schemas/settings';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import { clearSessionCookie } from '../auth/session-cookie';
import { checkStepUpPassword } from '../auth/step-up';
import { findUserById } from '../auth/users';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { deleteUserAndData } from './delete-user';
import { streamUserData } from './export-data';
import { readSettings, updateSettings } from './settings-store';

const deleteBody = z.object({ password: z.string().min(1, 'Enter your password to confirm').max(256) }).strict();

/** The privacy policy's promises as routes: `GET /api/export`, `/api/settings` and `DELETE /api/me`. Mounted behind `authenticate`. */
export function privacyApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.get('/export', async (c) => {
    // Streamed (issue 17): the same JSON as `c.json(exportUserData(…))`, a page at a time.
    const { exportedAt, body } = streamUserData(deps, c.get('user').id);
    await recordAudit(deps, { userId: c.get('user').id, actor: actorOf(c), action: 'data.exported' });
    return c.body(body, 200, {
      'content-type': 'application/json',
      'content-disposition': `attachment; filename="iconnect-export-${exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    });
  });

  /** Privacy and sending settings (shared/schemas/settings.ts); the retention periods are applied by privacy/retention/. */
  app.get('/settings', async (c) => {
    const settings = await readSettings(deps, c.get('user').id);
    if (settings === undefined) throw new ProblemError('not-found');
    return c.json(settings satisfies Settings);
  });

  app.patch('/settings', validate('json', settingsPatchSchema), async (c) => {
    const result = await updateSettings(deps, c.get('user').id, c.req.valid('json'), actorOf(c));
    if (result === undefined) throw new ProblemError('not-found');
    return c.json(result.settings satisfies Settings);
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
    // The user's audit log goes with the user (cascade), so the server log keeps the fact: the id only.
    deps.logger.info('account deleted', { userId: user.id });
    clearSessionCookie(c, deps.config);
    return c.json({ deleted: true, ...result });
  });

  return app;
}
