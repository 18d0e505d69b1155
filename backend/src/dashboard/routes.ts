import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { accountRoutes } from './account/account-routes';
import { gmailAccountPageRoutes } from './accounts/accounts-routes';
import { assetRoutes } from './assets/asset-routes';
import { authPageRoutes } from './auth/auth-routes';
import type { DashboardEnv } from './dashboard-env';
import { htmlErrorHandler } from './errors/html-error-handler';
import { extensionLinkRoutes } from './extension-link/extension-link-routes';
import { homeRoutes } from './home/home-routes';
import { privacyRoutes } from './privacy/privacy-routes';
import { tokenPageRoutes } from './tokens/tokens-routes';

/**
 * The server-rendered dashboard. Mounted at `/` after the API, so nothing here may be a catch-all:
 * every page names its path, and middleware is attached per route (a `use('*')` here would also
 * run for unmatched `/api/*` requests). Its own error handler answers failures as HTML pages.
 */
export function dashboardRoutes(deps: AppDeps) {
  const app = new Hono<DashboardEnv>();
  app.onError(htmlErrorHandler(deps.logger));
  app.route('/assets', assetRoutes());
  app.route('/', authPageRoutes(deps));
  app.route('/', homeRoutes(deps));
  app.route('/', accountRoutes(deps));
  app.route('/', gmailAccountPageRoutes(deps));
  app.route('/', tokenPageRoutes(deps));
  app.route('/', extensionLinkRoutes(deps));
  app.route('/', privacyRoutes(deps));
  return app;
}
