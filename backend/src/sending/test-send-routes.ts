import { Hono } from 'hono';
import { testSendRequestSchema } from '../../../shared/schemas/launch';
import type { AuthedEnv } from '../app-env';
import { ownedCampaign } from '../campaigns/owned-campaign';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { sendTestMessage } from './test-send';

/**
 * `POST /api/campaigns/:id/test`: one real message through the sending path. It lives with the
 * engine (the message builder and Gmail's error classes) and is mounted beside the campaign routes,
 * so the campaigns folder never imports the engine.
 */
export function testSendApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();
  app.post('/:id/test', validate('json', testSendRequestSchema), async (c) => {
    const campaign = await ownedCampaign(deps, c.get('user').id, c.req.param('id'));
    return c.json(await sendTestMessage(deps, campaign, c.req.valid('json')));
  });
  return app;
}
