/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { presentAccounts } from '../gmail-accounts/present-account';
import type { SignedInEnv } from '../dashboard-env';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { HomePage } from './home-page';

/** `GET /`: the signed-in home page. */
export function homePages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  app.get('/', pageHeaders, requireUser(deps), async (c) => {
    const user = c.get('user');
    const accounts = await presentAccounts(deps, user.id);
    return renderPage(c, <HomePage user={user} serverUrl={deps.config.publicUrl} accounts={accounts} />);
  });
  return app;
}
