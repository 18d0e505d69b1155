import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AppDeps } from '../deps';
import { DASHBOARD, recordAudit } from '../audit/record-audit';
import { readSessionCookie } from '../auth/session-cookie';
import { resolveSession } from '../auth/sessions';
import { ConnectError, finishConnect } from './connect-flow';

/**
 * `GET /oauth/google/callback`: where Google sends the browser back after consent. It needs the
 * dashboard session of the user who started the consent (the state is bound to them); anything
 * wrong answers a 400 page and stores nothing.
 */
export function oauthCallbackRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/callback', async (c) => {
    const { code, state, error } = c.req.query();
    if (error === 'access_denied') return c.redirect('/accounts?notice=connect-cancelled', 303);
    const cookie = readSessionCookie(c);
    const session = cookie ? await resolveSession(deps, cookie) : null;
    if (!session) {
      return errorPage(c, 'Sign in to the iConnect dashboard in this browser, then connect the Gmail account again.');
    }
    if (!code || !state) return errorPage(c, 'Google sent the browser back without an authorisation. Start connecting again.');
    try {
      const { account, created } = await finishConnect(deps, session.user.id, { code, state });
      const notice = created ? 'connected' : 'reconnected';
      // The account's id only: the code and the tokens Google sent stay where they are sealed.
      await recordAudit(deps, { userId: session.user.id, actor: DASHBOARD, action: `account.${notice}`, subject: account.id });
      return c.redirect(`/accounts?notice=${notice}&account=${encodeURIComponent(account.id)}`, 303);
    } catch (failure) {
      if (failure instanceof ConnectError) return errorPage(c, failure.message);
      throw failure;
    }
  });
  return app;
}

function errorPage(c: Context, message: string) {
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Gmail account not connected · iConnect</title>
          <link rel="stylesheet" href="/assets/dashboard.css" />
        </head>
        <body>
          <main class="narrow">
            <h1>The Gmail account was not connected</h1>
            <p role="alert">${message}</p>
            <p><a href="/accounts">Back to your Gmail accounts</a></p>
          </main>
        </body>
      </html>`,
    400,
  );
}
