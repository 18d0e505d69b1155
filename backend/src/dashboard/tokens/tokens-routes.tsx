/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { createTokenBodySchema } from '../../../../shared/schemas/tokens';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import { createApiToken, listApiTokens, revokeApiToken } from '../../tokens/api-tokens';
import type { SignedInEnv } from '../dashboard-env';
import { toFieldErrors } from '../lib/field-errors';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { TokensPage } from './tokens-page';

/** `/tokens`: the API token page, its create form and revoke buttons. */
export function tokenPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  const sameOrigin = sameOriginOnly(deps);

  app.get('/tokens', pageHeaders, requireUser(deps), async (c) => {
    const user = c.get('user');
    const tokens = await listApiTokens(deps, user.id);
    return renderPage(c, <TokensPage user={user} tokens={tokens} revoked={c.req.query('revoked') === '1'} />);
  });

  // Answers the page itself rather than redirecting: the secret exists only in this response.
  // (pageHeaders sends it with Cache-Control: no-store, so it is not kept in the browser's cache.)
  app.post('/tokens', pageHeaders, sameOrigin, requireUser(deps), async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['name']);
    const parsed = createTokenBodySchema.safeParse(form);
    if (!parsed.success) {
      const tokens = await listApiTokens(deps, user.id);
      const page = <TokensPage user={user} tokens={tokens} name={form.name} errors={toFieldErrors(parsed.error.issues)} />;
      return renderPage(c, page, 400);
    }
    const created = await createApiToken(deps, user.id, parsed.data.name);
    await recordAudit(deps, { userId: user.id, actor: DASHBOARD, action: 'token.created', subject: created.id, detail: { name: created.name } });
    const tokens = await listApiTokens(deps, user.id);
    return renderPage(c, <TokensPage user={user} tokens={tokens} created={created} />, 201);
  });

  app.post('/tokens/:id/revoke', pageHeaders, sameOrigin, requireUser(deps), async (c) => {
    // revokeApiToken matches on the owner too: another user's token id is as unknown as a made-up one.
    const revoked = await revokeApiToken(deps, c.get('user').id, c.req.param('id'));
    if (!revoked) throw new ProblemError('not-found', { detail: 'No token of yours has that id. It may already be revoked.' });
    await recordAudit(deps, { userId: c.get('user').id, actor: DASHBOARD, action: 'token.revoked', subject: c.req.param('id'), detail: { name: revoked.name } });
    return c.redirect('/tokens?revoked=1', 303);
  });

  return app;
}
