import { Hono } from 'hono';
import type { AppDeps } from '../deps';
import { dashboardAssets } from './assets/asset-routes';
import { activityPages } from './audit/activity-routes';
import { authPages } from './auth/auth-routes';
import type { DashboardEnv } from './dashboard-env';
import { htmlErrorHandler } from './errors/html-error-handler';
import { campaignPages } from './campaigns/campaigns-routes';
import { extensionLinkPages } from './extension-link/extension-link-routes';
import { gmailAccountPages } from './gmail-accounts/gmail-accounts-routes';
import { homePages } from './home/home-routes';
import { peoplePages } from './people/people-routes';
import { privacyPages } from './privacy/privacy-routes';
import { profilePages } from './profile/profile-routes';
import { suppressionPages } from './suppressions/suppressions-routes';
import { tokenPages } from './tokens/tokens-routes';

/**
 * The server-rendered dashboard. Mounted at `/` after the API, so nothing here may be a catch-all:
 * every page names its path, and middleware is attached per route (a `use('*')` here would also
 * run for unmatched `/api/*` requests). Its own error handler answers failures as HTML pages.
 */
export function dashboardPages(deps: AppDeps) {
  const app = new Hono<DashboardEnv>();
  app.onError(htmlErrorHandler(deps.logger));
  app.route('/assets', dashboardAssets());
  app.route('/', authPages(deps));
  app.route('/', homePages(deps));
  app.route('/', profilePages(deps));
  app.route('/', campaignPages(deps));
  app.route('/', suppressionPages(deps));
  app.route('/', peoplePages(deps));
  app.route('/', gmailAccountPages(deps));
  app.route('/', tokenPages(deps));
  app.route('/', extensionLinkPages(deps));
  app.route('/', privacyPages(deps));
  app.route('/', activityPages(deps));
  return app;
}
