import { Hono } from 'hono';
import { resolveUncertainSchema } from '../../../shared/schemas/uncertain-messages';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import { ownedCampaign } from '../campaigns/owned-campaign';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { validate } from '../http/validate';
import { resolveUncertain } from './resolve-uncertain';

/** A job id as the path carries it: digits, within SQLite's integers. Anything else is no message of ours. */
const JOB_ID = /^[1-9]\d{0,14}$/;

/**
 * `POST /api/campaigns/:id/messages/:jobId/resolve {outcome}`: the user's answer to a message that
 * may have gone out (resolve-uncertain.ts). With the engine, as the test send is, and mounted beside
 * the campaign routes, so the campaigns folder never imports the engine.
 */
export function uncertainMessagesApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();
  app.post('/:id/messages/:jobId/resolve', validate('json', resolveUncertainSchema), async (c) => {
    const campaign = await ownedCampaign(deps, c.get('user').id, c.req.param('id'));
    const jobId = c.req.param('jobId');
    if (!JOB_ID.test(jobId)) throw new ProblemError('not-found', { detail: 'No message with this id in this campaign.' });
    const { outcome } = c.req.valid('json');
    const resolved = await resolveUncertain(deps, campaign, Number(jobId), outcome);
    await recordAudit(deps, { userId: campaign.userId, actor: actorOf(c), action: 'campaign.message_resolved', subject: campaign.id, detail: { jobId, outcome } });
    return c.json(resolved);
  });
  return app;
}
