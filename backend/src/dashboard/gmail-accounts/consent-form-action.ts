import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../../deps';

/**
 * Lets the connect forms of a page reach Google's consent page. Chromium applies CSP `form-action`
 * to the redirects that follow a form submission too, so `form-action 'self'` alone
 * would block the 303 from `/accounts/connect` to accounts.google.com. Only that one origin is
 * added, and only to the pages that carry connect forms. Put it BEFORE `pageHeaders` in the
 * route: it edits the header `pageHeaders` sets on the way out.
 */
export function allowFormsToConsentPage(deps: Pick<AppDeps, 'config' | 'google'>) {
  const consentOrigin = new URL(deps.google.authUrl).origin;
  return createMiddleware(async (c, next) => {
    await next();
    // The sandbox on this server is already 'self'.
    if (consentOrigin === deps.config.publicOrigin) return;
    const policy = c.res.headers.get('content-security-policy');
    if (policy) c.res.headers.set('content-security-policy', policy.replace(/\bform-action ([^;]*)/, `form-action $1 ${consentOrigin}`));
  });
}
