import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { campaigns, recipients, sendJobs } from '../db/schema';
import { ProblemError } from '../http/problem';
import { findCampaign, transitionCampaign, type CampaignRow } from './campaign-store';
import { preflight } from './preflight';

/**
 * Launch, pause, resume and cancel. Each is a conditional update on the campaign's status, so a
 * double click or two tabs cannot launch twice; launching queues one send job per recipient in
 * the same database batch, so a launch is all or nothing.
 */

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export async function launchCampaign(deps: Deps, campaign: CampaignRow, options: { allowBlank: boolean }): Promise<CampaignRow> {
  if (campaign.status !== 'draft') throw notInState(campaign, 'launched', 'draft');
  const check = await preflight(deps, campaign, options);
  if (check.blockers.length > 0) {
    throw new ProblemError('conflict', {
      detail: check.blockers.map((blocker) => blocker.message).join(' '),
      extra: { preflight: check },
    });
  }
  const now = deps.clock.now();
  const startAt = campaign.schedule.startAt ? new Date(campaign.schedule.startAt) : now;
  const status = startAt.getTime() > now.getTime() ? 'scheduled' : 'sending';
  const dueAt = Math.max(startAt.getTime(), now.getTime());
  const launchMark = now.getTime();
  const messageIdHost = new URL(deps.config.publicUrl).hostname;

  const [transition] = await deps.db.batch([
    deps.db
      .update(campaigns)
      .set({ status, statusReason: null, launchedAt: now, updatedAt: now, version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.userId, campaign.userId), eq(campaigns.status, 'draft'))),
    // Addresses suppressed since the import are skipped now, with the reason shown to the user.
    deps.db
      .update(recipients)
      .set({ status: 'skipped', statusReason: 'On your suppression list' })
      .where(
        and(
          eq(recipients.campaignId, campaign.id),
          eq(recipients.status, 'pending'),
          sql`${recipients.emailKey} IN (SELECT email_key FROM suppressions WHERE user_id = ${campaign.userId})`,
          launchedBy(campaign.id, launchMark),
        ),
      ),
    // One job per pending recipient for step 0, written by the database itself (100,000 rows in one statement).
    deps.db.run(sql`
      INSERT OR IGNORE INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
      SELECT r.campaign_id, r.id, r.user_id, 0, 'queued', ${dueAt}, 0,
             '<' || r.campaign_id || '.' || r.id || '.0@' || ${messageIdHost} || '>', ${launchMark}
      FROM recipients r
      WHERE r.campaign_id = ${campaign.id} AND r.status = 'pending'
        AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaign.id} AND c.launched_at = ${launchMark})`),
  ]);
  if (transition.rowsAffected === 0) throw notInState(campaign, 'launched', 'draft');
  return (await findCampaign(deps, campaign.userId, campaign.id))!;
}

/** Only this launch's batch may write: its mark is the launch time it stored on the campaign. */
function launchedBy(campaignId: string, launchMark: number) {
  return sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaignId} AND c.launched_at = ${launchMark})`;
}

export async function pauseCampaign(deps: Deps, campaign: CampaignRow, reason: string | null = null) {
  const updated = await transitionCampaign(deps, campaign, ['scheduled', 'sending'], 'paused', { statusReason: reason });
  if (!updated) throw notInState(campaign, 'paused', 'scheduled or sending');
  return updated;
}

export async function resumeCampaign(deps: Deps, campaign: CampaignRow) {
  const startAt = campaign.schedule.startAt ? new Date(campaign.schedule.startAt).getTime() : 0;
  const to = startAt > deps.clock.now().getTime() ? 'scheduled' : 'sending';
  const updated = await transitionCampaign(deps, campaign, ['paused'], to);
  if (!updated) throw notInState(campaign, 'resumed', 'paused');
  return updated;
}

/** Cancelling stops everything not yet sent, follow-ups included; what was sent stays recorded. */
export async function cancelCampaign(deps: Deps, campaign: CampaignRow) {
  const updated = await transitionCampaign(deps, campaign, ['scheduled', 'sending', 'paused'], 'cancelled');
  if (!updated) throw notInState(campaign, 'cancelled', 'scheduled, sending or paused');
  await deps.db
    .update(sendJobs)
    .set({ status: 'cancelled', statusReason: 'The campaign was cancelled' })
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.status, 'queued')));
  return updated;
}

function notInState(campaign: CampaignRow, action: string, needed: string) {
  return new ProblemError('conflict', {
    detail: `The campaign is ${campaign.status}; only a ${needed} campaign can be ${action}.`,
    extra: { status: campaign.status },
  });
}
