/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { EXTENSION_LINK_PATH, extensionLinkRequestSchema } from '../../../../shared/schemas/extension-link';
import type { AppDeps } from '../../deps';
import { createApiToken } from '../../tokens/api-tokens';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import type { SignedInEnv } from '../dashboard-env';
import { ErrorPage } from '../errors/error-page';
import { formatDay } from '../lib/format-date';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { ExtensionLinkedPage } from './extension-linked-page';
import { LinkExtensionPage } from './link-extension-page';

/**
 * The done page holds a token: no `Referer` at all from it. Only there: under `no-referrer` a
 * browser posts forms with `Origin: null`, which the CSRF check refuses, so the confirmation page
 * keeps the dashboard's `same-origin` (its form must post), and the done page shows no sign-out form.
 */
const DONE_PAGE_HEADERS = { 'referrer-policy': 'no-referrer' };

/** The name of a token made by linking, e.g. "Chrome extension (2 Mar 2026)". */
export function extensionTokenName(now: Date): string {
  return `Chrome extension (${formatDay(now)})`;
}

/**
 * `/extension/link`: one-click linking of the browser extension (issue 7). GET asks the signed-in
 * user (a signed-out visitor signs in and comes back here); POST, same-origin only like every
 * dashboard form, creates an API token and answers it inside the page for the extension to read.
 */
export function extensionLinkPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();

  app.get(EXTENSION_LINK_PATH, pageHeaders, requireUser(deps), (c) => {
    const request = extensionLinkRequestSchema.safeParse({ state: c.req.query('state'), extension: c.req.query('extension') });
    if (!request.success) return invalidRequest(c);
    const tokenName = extensionTokenName(deps.clock.now());
    return renderPage(c, <LinkExtensionPage user={c.get('user')} request={request.data} tokenName={tokenName} />);
  });

  // Answers the page itself, never a redirect: the secret exists only in this response's body
  // (no-store from pageHeaders keeps it out of the cache and the back button).
  app.post(EXTENSION_LINK_PATH, pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const request = extensionLinkRequestSchema.safeParse(await readForm(c, ['state', 'extension']));
    if (!request.success) return invalidRequest(c);
    const user = c.get('user');
    const token = await createApiToken(deps, user.id, extensionTokenName(deps.clock.now()));
    await recordAudit(deps, { userId: user.id, actor: DASHBOARD, action: 'token.created', subject: token.id, detail: { name: token.name } });
    return renderPage(c, <ExtensionLinkedPage user={user} token={token} state={request.data.state} />, 201, DONE_PAGE_HEADERS);
  });

  return app;
}

/** A link request that was not made by the extension (or was cut short when copied): say what to do. */
function invalidRequest(c: Context<SignedInEnv>) {
  const page = (
    <ErrorPage
      title="This link request is not valid"
      detail="Nothing was linked. Open the iConnect extension's side panel and press “Link with my iConnect account” again."
      user={c.get('user')}
      path={EXTENSION_LINK_PATH}
    />
  );
  return renderPage(c, page, 400);
}
