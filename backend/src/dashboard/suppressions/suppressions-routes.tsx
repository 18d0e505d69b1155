/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { checkEmailAddress, emailKey } from '../../../../shared/lib/email-address';
import { addSuppressionBodySchema, suppressionListQuerySchema } from '../../../../shared/schemas/suppressions';
import type { AppDeps } from '../../deps';
import { ProblemError } from '../../http/problem';
import { findSuppression, listSuppressions, removeSuppression, suppressAddress, toSuppression } from '../../suppressions/suppression-store';
import type { SignedInEnv } from '../dashboard-env';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { RemoveSuppressionPage } from './remove-suppression-page';
import { noticePath, readNotice } from './suppression-words';
import { SuppressionsPage } from './suppressions-page';

const notOnList = () => new ProblemError('not-found', { detail: 'This address is not on your suppression list. It may already be removed.' });

/** `/suppressions`: the suppression list page, its search, the add form and removal behind a confirmation page. */
export function suppressionPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  const sameOrigin = sameOriginOnly(deps);
  const signedIn = requireUser(deps);

  const listPage = async (userId: string, q: string) => (await listSuppressions(deps, userId, q || undefined)).map(toSuppression);

  app.get('/suppressions', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    // A search that is not one line (or too long) is shown back with the whole list rather than a 400 page.
    const parsed = suppressionListQuerySchema.safeParse({ q: c.req.query('q') });
    const q = parsed.success ? (parsed.data.q ?? '') : '';
    return renderPage(c, <SuppressionsPage user={user} q={q} suppressions={await listPage(user.id, q)} notice={readNotice(c.req.query())} />);
  });

  app.post('/suppressions', pageHeaders, sameOrigin, signedIn, async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['email']);
    const parsed = addSuppressionBodySchema.safeParse({ email: form.email });
    let errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    const address = parsed.success ? checkEmailAddress(parsed.data.email) : null;
    if (address && !address.ok) errors = { email: address.reason };
    if (!address?.ok) {
      const page = <SuppressionsPage user={user} q="" suppressions={await listPage(user.id, '')} email={form.email} errors={errors} />;
      return renderPage(c, page, 400);
    }
    await suppressAddress(deps, { userId: user.id, email: address.email, key: address.key, reason: 'manual', sourceCampaignId: null });
    return c.redirect(noticePath({ kind: 'added', email: address.email }), 303);
  });

  app.get('/suppressions/remove', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const row = await findSuppression(deps, user.id, emailKey(c.req.query('email') ?? ''));
    if (!row) throw notOnList();
    return renderPage(c, <RemoveSuppressionPage user={user} suppression={toSuppression(row)} />);
  });

  app.post('/suppressions/remove', pageHeaders, sameOrigin, signedIn, async (c) => {
    const { email } = await readForm(c, ['email']);
    if (!(await removeSuppression(deps, c.get('user').id, emailKey(email)))) throw notOnList();
    return c.redirect(noticePath({ kind: 'removed', email }), 303);
  });

  return app;
}
