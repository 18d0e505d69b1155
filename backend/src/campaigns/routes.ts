import { Hono, type Context } from 'hono';
import { campaignDuplicateSchema, campaignInputSchema, campaignPatchSchema } from '../../../shared/schemas/campaigns';
import type { AuthedEnv } from '../app-env';
import { actorOf, recordAudit } from '../audit/record-audit';
import type { AuditAction } from '../../../shared/schemas/audit';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { duplicateCampaign } from './campaign-duplicate';
import { createCampaign, editCampaign } from './campaign-service';
import { ownedCampaign } from './owned-campaign';
import { deleteCampaign, listCampaigns, recipientCounts, toCampaign, type CampaignRow } from './campaign-store';
import { cancelCampaign, launchCampaign, pauseCampaign, resumeCampaign } from './campaign-state-machine';
import { preflight } from './preflight';
import { campaignProgress } from './progress';
import { previewCampaign } from './preview';
import { launchRequestSchema, preflightQuerySchema, previewQuerySchema } from '../../../shared/schemas/launch';

/** `/api/campaigns`: campaigns and their lifecycle. Mounted behind `authenticate`. */
export function campaignsApi(deps: AppDeps) {
  const app = new Hono<AuthedEnv>();

  const owned = (userId: string, id: string) => ownedCampaign(deps, userId, id);
  const present = async (row: CampaignRow) => toCampaign(row, (await recipientCounts(deps, [row.id])).get(row.id));
  const presentWithProgress = async (row: CampaignRow) => ({ ...(await present(row)), progress: await campaignProgress(deps, row) });
  /** Appends `action` on `row` to the audit log, then answers `row` (the lifecycle routes below). */
  const audited = async (c: Context<AuthedEnv>, action: AuditAction, row: CampaignRow, detail?: Record<string, string | boolean>) => {
    await recordAudit(deps, { userId: row.userId, actor: actorOf(c), action, subject: row.id, detail });
    return row;
  };

  app.get('/', async (c) => {
    const rows = await listCampaigns(deps, c.get('user').id);
    const counts = await recipientCounts(deps, rows.map((row) => row.id));
    // A launched campaign's progress says whether it is waiting and until when (the list shows it).
    const active = (row: CampaignRow) => row.status === 'scheduled' || row.status === 'sending';
    const listed = await Promise.all(
      rows.map(async (row) => ({ ...toCampaign(row, counts.get(row.id)), ...(active(row) ? { progress: await campaignProgress(deps, row) } : {}) })),
    );
    return c.json({ campaigns: listed });
  });

  app.post('/', validate('json', campaignInputSchema), async (c) => {
    const row = await audited(c, 'campaign.created', await createCampaign(deps, c.get('user').id, c.req.valid('json')));
    return c.json(await present(row), 201);
  });

  app.get('/:id', async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    return c.json(await presentWithProgress(campaign));
  });

  app.patch('/:id', validate('json', campaignPatchSchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    return c.json(await present(await editCampaign(deps, campaign, c.req.valid('json'))));
  });

  app.delete('/:id', async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    await deleteCampaign(deps, campaign);
    // Its name too: the row is gone, and the log should still say which one it was.
    await audited(c, 'campaign.deleted', campaign, { name: campaign.name });
    return c.body(null, 204);
  });

  // Body optional: none copies the campaign alone, as before recipients could come along.
  app.post('/:id/duplicate', validate('json', campaignDuplicateSchema), async (c) => {
    const original = await owned(c.get('user').id, c.req.param('id'));
    const copy = await audited(c, 'campaign.created', await duplicateCampaign(deps, original, c.req.valid('json')), { copyOf: original.id });
    return c.json(await present(copy), 201);
  });

  app.get('/:id/preflight', validate('query', preflightQuerySchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    return c.json(await preflight(deps, campaign, c.req.valid('query')));
  });

  app.post('/:id/launch', validate('json', launchRequestSchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    // With its progress: the panel shows at once whether it waits, and until when.
    return c.json(await presentWithProgress(await audited(c, 'campaign.launched', await launchCampaign(deps, campaign, c.req.valid('json')))));
  });

  app.post('/:id/pause', async (c) => c.json(await present(await audited(c, 'campaign.paused', await pauseCampaign(deps, await owned(c.get('user').id, c.req.param('id')))))));
  app.post('/:id/resume', async (c) => c.json(await presentWithProgress(await audited(c, 'campaign.resumed', await resumeCampaign(deps, await owned(c.get('user').id, c.req.param('id')))))));
  app.post('/:id/cancel', async (c) => c.json(await present(await audited(c, 'campaign.cancelled', await cancelCampaign(deps, await owned(c.get('user').id, c.req.param('id')))))));

  app.get('/:id/preview', validate('query', previewQuerySchema), async (c) => {
    const campaign = await owned(c.get('user').id, c.req.param('id'));
    const { recipient, step, variant } = c.req.valid('query');
    return c.json(await previewCampaign(deps, campaign, recipient, step, variant));
  });

  return app;
}
