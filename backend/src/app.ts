import { Hono } from 'hono';
import { accountRoutes } from './accounts/routes';
import { oauthCallbackRoutes } from './accounts/callback-routes';
import { authenticate } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { dashboardRoutes } from './dashboard/routes';
import { htmlNotFound, wantsHtmlPage } from './dashboard/errors/not-found-page';
import type { AppDeps } from './deps';
import { DEFAULT_BODY_LIMITS, limitBodies, type BodyLimits } from './http/body-limits';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './health/routes';
import { meRoutes } from './me/routes';
import { tokenRoutes } from './tokens/routes';
import { campaignRoutes } from './campaigns/routes';
import { recipientRoutes } from './recipients/routes';
import { suppressionRoutes } from './suppressions/routes';
import { privacyRoutes } from './privacy/routes';
import { analyticsRoutes } from './analytics/routes';
import { trackingRoutes } from './tracking/routes';
import { syncRoutes } from './sync/routes';

/**
 * The whole HTTP app, made from its dependencies. The Node entrypoint and (later) the Workers
 * entrypoint call this with their own database, clock and logger; tests call it directly and use
 * `app.request()`.
 *
 * @example const app = createApp({ config, db, clock: systemClock, logger, clientAddress })
 */
export function createApp(deps: AppDeps, options: { bodyLimits?: BodyLimits } = {}) {
  const app = new Hono();
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => (wantsHtmlPage(c) ? htmlNotFound(c) : notFoundHandler(c)));
  // Public tracking routes come before the body limit: they are the hot path (every open), and
  // their one POST (unsubscribe) caps its own small body.
  app.route('/', trackingRoutes(deps, deps.trackingEvents));
  app.use(
    limitBodies(options.bodyLimits ?? { ...DEFAULT_BODY_LIMITS, csvBytes: deps.config.importLimits.maxBytes }),
  );

  app.route('/health', healthRoutes(deps));
  app.route('/api/auth', authRoutes(deps));

  const api = new Hono();
  api.use(authenticate(deps));
  api.route('/me', meRoutes());
  api.route('/tokens', tokenRoutes(deps));
  api.route('/accounts', accountRoutes(deps));
  api.route('/campaigns', campaignRoutes(deps));
  api.route('/campaigns', recipientRoutes(deps));
  api.route('/suppressions', suppressionRoutes(deps));
  api.route('/sync', syncRoutes(deps));
  api.route('/', privacyRoutes(deps));
  api.route('/', analyticsRoutes(deps));
  app.route('/api', api);
  app.route('/oauth/google', oauthCallbackRoutes(deps));

  app.route('/', dashboardRoutes(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
