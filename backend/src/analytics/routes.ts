import { Hono } from 'hono';
import * as z from 'zod';
import { timeZoneSchema } from '../../../shared/schemas/accounts';
import type { AuthedEnv } from '../app-env';
import { findCampaign } from '../campaigns/campaign-store';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { campaignStats } from './campaign-stats';
import { statsOverview } from './overview';
import { campaignTimeline } from './timeline';

const timelineQuery = z.object({ bucket: z.enum(['hour', 'day']).default('day'), tz: timeZoneSchema.default('UTC') });

/** Analytics: `/api/campaigns/:id/stats`, `/api/campaigns/:id/timeline`, `/api/stats/overview`. Behind `authenticate`. */
export function analyticsRoutes(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  const owned = async (userId: string, id: string) => {
    const campaign = await findCampaign(deps, userId, id);
    if (!campaign) throw new ProblemError('not-found', { detail: 'No campaign with this id.' });
    return campaign;
  };

  app.get('/campaigns/:id/stats', async (c) => c.json(await campaignStats(deps.db, await owned(c.get('user').id, c.req.param('id')))));

  app.get('/campaigns/:id/timeline', validate('query', timelineQuery), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const { bucket, tz } = c.req.valid('query');
    return c.json({ bucket, tz, points: await campaignTimeline(deps.db, campaign.id, { bucket, timeZone: tz }) });
  });

  app.get('/stats/overview', async (c) => c.json(await statsOverview(deps.db, c.get('user').id)));

  return app;
}
