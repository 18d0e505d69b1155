import { Hono } from 'hono';
import { timelineQuerySchema, type Timeline } from '../../../shared/schemas/analytics';
import type { AuthedEnv } from '../app-env';
import { ownedCampaign } from '../campaigns/owned-campaign';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { campaignStats } from './campaign-stats';
import { statsOverview } from './overview';
import { campaignTimeline } from './timeline';

/**
 * Analytics: `/api/campaigns/:id/stats`, `/api/campaigns/:id/timeline`, `/api/stats/overview`, answering
 * the shapes of shared/schemas/analytics.ts. Behind `authenticate`.
 */
export function analyticsApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  const owned = (userId: string, id: string) => ownedCampaign(deps, userId, id);

  app.get('/campaigns/:id/stats', async (c) => c.json(await campaignStats(deps.db, await owned(c.get('user').id, c.req.param('id')))));

  app.get('/campaigns/:id/timeline', validate('query', timelineQuerySchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const { bucket, tz } = c.req.valid('query');
    return c.json({ bucket, tz, points: await campaignTimeline(deps.db, campaign.id, { bucket, timeZone: tz }) } satisfies Timeline);
  });

  app.get('/stats/overview', async (c) => c.json(await statsOverview(deps.db, c.get('user').id)));

  return app;
}
