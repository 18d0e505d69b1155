/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import { deleteCampaign, listCampaigns, recipientCounts, toCampaign } from '../../campaigns/campaign-store';
import { ownedCampaign } from '../../campaigns/owned-campaign';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { campaignStats } from '../../analytics/campaign-stats';
import { CampaignPage } from './campaign-page';
import { CampaignsPage } from './campaigns-page';
import { DeleteCampaignPage } from './delete-campaign-page';

/**
 * `/campaigns`: the privacy policy's "Delete campaigns and associated recipient data from the
 * dashboard". Deleting goes through the API's own deleteCampaign (recipients, jobs and events go
 * with it by ON DELETE CASCADE). `/campaigns/:id`: its figures and A/B variants, as the stats API answers them.
 */
export function campaignPages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();
  const signedIn = requireUser(deps);

  const present = async (userId: string, id: string) => {
    // Another user's id answers 404 exactly as a made-up one (ownedCampaign).
    const row = await ownedCampaign(deps, userId, id);
    return toCampaign(row, (await recipientCounts(deps, [row.id])).get(row.id));
  };

  app.get('/campaigns/:id', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const row = await ownedCampaign(deps, user.id, c.req.param('id'));
    const [counts, stats] = await Promise.all([recipientCounts(deps, [row.id]), campaignStats(deps.db, row)]);
    return renderPage(c, <CampaignPage user={user} campaign={toCampaign(row, counts.get(row.id))} stats={stats} />);
  });

  app.get('/campaigns', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    const rows = await listCampaigns(deps, user.id);
    const counts = await recipientCounts(deps, rows.map((row) => row.id));
    const campaigns = rows.map((row) => toCampaign(row, counts.get(row.id)));
    return renderPage(c, <CampaignsPage user={user} campaigns={campaigns} deleted={c.req.query('deleted')} />);
  });

  app.get('/campaigns/:id/delete', pageHeaders, signedIn, async (c) => {
    const user = c.get('user');
    return renderPage(c, <DeleteCampaignPage user={user} campaign={await present(user.id, c.req.param('id'))} />);
  });

  app.post('/campaigns/:id/delete', pageHeaders, sameOriginOnly(deps), signedIn, async (c) => {
    const row = await ownedCampaign(deps, c.get('user').id, c.req.param('id'));
    await deleteCampaign(deps, row);
    await recordAudit(deps, { userId: row.userId, actor: DASHBOARD, action: 'campaign.deleted', subject: row.id, detail: { name: row.name } });
    return c.redirect(`/campaigns?${new URLSearchParams({ deleted: row.name })}`, 303);
  });

  return app;
}
