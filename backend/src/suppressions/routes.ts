import { Hono } from 'hono';
import { checkEmailAddress, emailKey } from '../../../shared/lib/email-address';
import { addSuppressionBodySchema, suppressionListQuerySchema } from '../../../shared/schemas/suppressions';
import type { AuthedEnv } from '../app-env';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { listSuppressions, removeSuppression, suppressAddress, toSuppression } from './suppression-store';

/** `/api/suppressions`: addresses never sent to. Mounted behind `authenticate`. */
export function suppressionsApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.get('/', validate('query', suppressionListQuerySchema), async (c) =>
    c.json({ suppressions: (await listSuppressions(deps, c.get('user').id, c.req.valid('query').q || undefined)).map(toSuppression) }),
  );

  app.post('/', validate('json', addSuppressionBodySchema), async (c) => {
    const body = c.req.valid('json');
    const address = checkEmailAddress(body.email);
    if (!address.ok) throw new ProblemError('validation-failed', { errors: [{ field: 'email', message: address.reason }] });
    const { row, created } = await suppressAddress(deps, {
      userId: c.get('user').id,
      email: address.email,
      key: address.key,
      reason: body.reason,
      sourceCampaignId: null,
    });
    return c.json(toSuppression(row), created ? 201 : 200);
  });

  /** `DELETE /api/suppressions/<address>`: lets the address be imported and sent to again. */
  app.delete('/:email', async (c) => {
    if (!(await removeSuppression(deps, c.get('user').id, emailKey(c.req.param('email'))))) {
      throw new ProblemError('not-found', { detail: 'This address is not on your suppression list.' });
    }
    return c.body(null, 204);
  });

  return app;
}
