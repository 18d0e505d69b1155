import { Hono } from 'hono';
import { createTokenBodySchema } from '../../../shared/schemas/tokens';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';

/** `/api/tokens`: API tokens for the extension and scripts. Mounted behind `authenticate`. */
export function tokensApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  app.get('/', async (c) => c.json({ tokens: await listApiTokens(deps, c.get('user').id) }));

  app.post('/', validate('json', createTokenBodySchema), async (c) => {
    const created = await createApiToken(deps, c.get('user').id, c.req.valid('json').name);
    // The id and name only: the secret exists in this response and nowhere else.
    await recordAudit(deps, { userId: c.get('user').id, actor: actorOf(c), action: 'token.created', subject: created.id, detail: { name: created.name } });
    return c.json(created, 201, { 'cache-control': 'no-store' });
  });

  app.delete('/:id', async (c) => {
    const revoked = await revokeApiToken(deps, c.get('user').id, c.req.param('id'));
    if (!revoked) throw new ProblemError('not-found', { detail: 'No API token with this id.' });
    await recordAudit(deps, { userId: c.get('user').id, actor: actorOf(c), action: 'token.revoked', subject: c.req.param('id'), detail: { name: revoked.name } });
    return c.body(null, 204);
  });

  return app;
}
