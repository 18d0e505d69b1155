import { Hono } from 'hono';
import { gmailAccountsApi } from './accounts/routes';
import { oauthCallbackRoutes } from './accounts/callback-routes';
import { auditApi } from './audit/routes';
import { authenticate } from './auth/authenticate';
import { authApi } from './auth/routes';
import { dashboardPages } from './dashboard/routes';
import { htmlNotFound, wantsHtmlPage } from './dashboard/errors/not-found-page';
import type { AppDeps } from './deps';
import { DEFAULT_BODY_LIMITS, limitBodies, type BodyLimits } from './http/body-limits';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './health/routes';
import { meApi } from './me/routes';
import { tokensApi } from './tokens/routes';
import { campaignsApi } from './campaigns/routes';
import { recipientsApi } from './recipients/routes';
import { suppressionsApi } from './suppressions/routes';
import { privacyApi } from './privacy/routes';
import { peopleApi } from './people/routes';
import { analyticsApi } from './analytics/routes';
import { trackingRoutes } from './tracking/routes';
import { syncApi } from './sync/routes';
import { testSendApi } from './sending/test-send-routes';
import { uncertainMessagesApi } from './sending/uncertain-routes';
import { attachmentsApi } from './attachments/routes';
import { ownedCampaign } from './campaigns/owned-campaign';

/**
 * The whole HTTP app, made from its dependencies. The Node and Workers entrypoints call this with
 * what `buildAppDeps` made for them (wiring/build-app-deps.ts); tests call it directly and use
 * `app.request()`.
 *
 * Routers are named for who calls them: `…Api` answers JSON under /api (the extension, scripts),
 * `…Pages` answers HTML to the dashboard's browser, and the public endpoints that are neither
 * (tracking links, health, the OAuth callback) keep `…Routes`. The extension's background message
 * handlers are `…MessageRoutes`.
 *
 * @example const app = createApp(await buildAppDeps({ config, db, logger, trackingEvents, peerAddress }))
 */
export function createApp(deps: AppDeps, options: { bodyLimits?: BodyLimits; mountBeforeLimits?: (app: Hono) => void } = {}) {
  const app = new Hono();
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => (wantsHtmlPage(c) ? htmlNotFound(c) : notFoundHandler(c)));
  // Public tracking routes come before the body limit: they are the hot path (every open), and
  // their one POST (unsubscribe) caps its own small body.
  app.route('/', trackingRoutes(deps, deps.trackingEvents));
  // Campaign files: their own body limit (a file up to what fits in Gmail's 25 MB message), so before the app's.
  app.route('/api/campaigns', attachmentsApi(deps, ownedCampaign));
  // The hosted Gmail sandbox (npm start without Google): Gmail takes messages far over the app's
  // 1 MB JSON limit (35 MB through the upload endpoint), so it keeps its own rules, as Google does.
  options.mountBeforeLimits?.(app);
  app.use(
    limitBodies(options.bodyLimits ?? { ...DEFAULT_BODY_LIMITS, csvBytes: deps.config.importLimits.maxBytes }),
  );

  app.route('/health', healthRoutes(deps));
  app.route('/api/auth', authApi(deps));

  const api = new Hono();
  api.use(authenticate(deps));
  api.route('/me', meApi(deps));
  api.route('/tokens', tokensApi(deps));
  api.route('/accounts', gmailAccountsApi(deps));
  api.route('/campaigns', campaignsApi(deps));
  api.route('/campaigns', recipientsApi(deps));
  api.route('/campaigns', testSendApi(deps));
  api.route('/campaigns', uncertainMessagesApi(deps));
  api.route('/suppressions', suppressionsApi(deps));
  api.route('/sync', syncApi(deps));
  api.route('/people', peopleApi(deps));
  api.route('/', privacyApi(deps));
  api.route('/', analyticsApi(deps));
  api.route('/audit', auditApi(deps));
  app.route('/api', api);
  app.route('/oauth/google', oauthCallbackRoutes(deps));

  app.route('/', dashboardPages(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
