import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { CampaignStatus } from '../../../shared/schemas/campaigns';
import type { Database } from '../db/database';
import type { AppDeps } from '../deps';
import { campaigns, recipients, sendJobs } from '../db/schema';
import { ProblemError } from '../http/problem';
import { campaignMessageIdSql, messageIdHost } from './campaign-message-id';
import { findCampaign, transitionCampaign, type CampaignRow } from './campaign-store';
import type { LaunchOptions } from '../../../shared/schemas/launch';
import { preflight } from './preflight';

/**
 * The campaign's state machine, every move in one place:
 *
 *   launch    draft                       → scheduled (start time ahead) or sending
 *   promote   scheduled                   → sending, when the start time comes (the engine)
 *   pause     scheduled, sending          → paused, by the user or by the engine with a reason
 *   resume    paused                      → scheduled or sending
 *   cancel    scheduled, sending, paused  → cancelled
 *   complete  sending                     → completed, when nothing is queued or in flight (the engine)
 *
 * The user's moves answer 409 when the campaign is not in a state they start from; the engine's
 * quietly do nothing. Each move is one conditional UPDATE on the campaign's status, so a double
 * click, two tabs or a request racing the scheduler make it happen once. Launching also queues one
 * send job per recipient in the same database batch, so a launch is all or nothing.
 */
type Move = 'launch' | 'promote' | 'pause' | 'resume' | 'cancel' | 'complete';

const FROM: Record<Move, readonly CampaignStatus[]> = {
  launch: ['draft'],
  promote: ['scheduled'],
  pause: ['scheduled', 'sending'],
  resume: ['paused'],
  cancel: ['scheduled', 'sending', 'paused'],
  complete: ['sending'],
};

/** The campaign is in one of `from` (a plain `=` for one state: the same query as ever). */
function inState(from: readonly CampaignStatus[]) {
  return from.length === 1 ? eq(campaigns.status, from[0]!) : inArray(campaigns.status, [...from]);
}

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export async function launchCampaign(deps: Deps, campaign: CampaignRow, options: Pick<LaunchOptions, 'allowBlank'> & Partial<LaunchOptions>): Promise<CampaignRow> {
  if (!FROM.launch.includes(campaign.status)) throw notInState(campaign, 'launched', FROM.launch);
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
  const messageId = campaignMessageIdSql({ campaignId: sql`r.campaign_id`, recipientId: sql`r.id`, step: 0 }, messageIdHost(deps.config.publicUrl));

  const [transition] = await deps.db.batch([
    deps.db
      .update(campaigns)
      .set({ status, statusReason: null, launchedAt: now, updatedAt: now, version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.userId, campaign.userId), inState(FROM.launch))),
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
      SELECT r.campaign_id, r.id, r.user_id, 0, 'queued', ${dueAt}, 0, ${messageId}, ${launchMark}
      FROM recipients r
      WHERE r.campaign_id = ${campaign.id} AND r.status = 'pending'
        AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaign.id} AND c.launched_at = ${launchMark})`),
  ]);
  if (transition.rowsAffected === 0) throw notInState(campaign, 'launched', FROM.launch);
  return (await findCampaign(deps, campaign.userId, campaign.id))!;
}

/** Only this launch's batch may write: its mark is the launch time it stored on the campaign. */
function launchedBy(campaignId: string, launchMark: number) {
  return sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaignId} AND c.launched_at = ${launchMark})`;
}

/** Scheduled campaigns whose start has come begin sending (a start missed while the server was down included). */
export async function promoteScheduledCampaigns(db: Database, now: Date): Promise<string[]> {
  const scheduled = await db.select().from(campaigns).where(inState(FROM.promote));
  const due = scheduled.filter((c) => !c.schedule.startAt || new Date(c.schedule.startAt).getTime() <= now.getTime());
  const promoted: string[] = [];
  for (const campaign of due) {
    const [row] = await db
      .update(campaigns)
      .set({ status: 'sending', updatedAt: now, version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.id, campaign.id), inState(FROM.promote)))
      .returning({ id: campaigns.id });
    if (row) promoted.push(row.id);
  }
  return promoted;
}

export async function pauseCampaign(deps: Deps, campaign: CampaignRow, reason: string | null = null) {
  const updated = await transitionCampaign(deps, campaign, [...FROM.pause], 'paused', { statusReason: reason });
  if (!updated) throw notInState(campaign, 'paused', FROM.pause);
  return updated;
}

/** Pauses a campaign by itself (the engine), saying why in words the user understands. */
export async function pauseWithReason(db: Database, campaign: Pick<CampaignRow, 'id'>, reason: string, now: Date): Promise<boolean> {
  const paused = await db
    .update(campaigns)
    .set({ status: 'paused', statusReason: reason, updatedAt: now, version: sql`${campaigns.version} + 1` })
    .where(and(eq(campaigns.id, campaign.id), inState(FROM.pause)))
    .returning({ id: campaigns.id });
  return paused.length > 0;
}

export async function resumeCampaign(deps: Deps, campaign: CampaignRow) {
  const startAt = campaign.schedule.startAt ? new Date(campaign.schedule.startAt).getTime() : 0;
  const to = startAt > deps.clock.now().getTime() ? 'scheduled' : 'sending';
  const updated = await transitionCampaign(deps, campaign, [...FROM.resume], to);
  if (!updated) throw notInState(campaign, 'resumed', FROM.resume);
  return updated;
}

/** Cancelling stops everything not yet sent, follow-ups included; what was sent stays recorded. */
export async function cancelCampaign(deps: Deps, campaign: CampaignRow) {
  const updated = await transitionCampaign(deps, campaign, [...FROM.cancel], 'cancelled');
  if (!updated) throw notInState(campaign, 'cancelled', FROM.cancel);
  await deps.db
    .update(sendJobs)
    .set({ status: 'cancelled', statusReason: 'The campaign was cancelled' })
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.status, 'queued')));
  return updated;
}

/** A sending campaign with nothing left queued or in flight is complete. */
export async function completeFinishedCampaigns(db: Database, now: Date): Promise<string[]> {
  const done = await db
    .update(campaigns)
    .set({ status: 'completed', updatedAt: now, version: sql`${campaigns.version} + 1` })
    .where(
      and(
        inState(FROM.complete),
        notExists(
          db
            .select({ one: sql`1` })
            .from(sendJobs)
            .where(and(eq(sendJobs.campaignId, campaigns.id), inArray(sendJobs.status, ['queued', 'sending']))),
        ),
      ),
    )
    .returning({ id: campaigns.id });
  return done.map((row) => row.id);
}

/** 409 naming the states the move starts from: "only a scheduled or sending campaign can be paused". */
function notInState(campaign: CampaignRow, action: string, from: readonly CampaignStatus[]) {
  const needed = from.length === 1 ? from[0] : `${from.slice(0, -1).join(', ')} or ${from.at(-1)}`;
  return new ProblemError('conflict', {
    detail: `The campaign is ${campaign.status}; only a ${needed} campaign can be ${action}.`,
    extra: { campaignStatus: campaign.status },
  });
}
