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
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { firstMessageSplitSql, variantCountOf } from '../variants/variant-split';
import { runningImportBlocker } from '../recipient-imports/running-import-blocker';

/**
 * The campaign's state machine, every move in one place:
 *
 *   launch    draft                       → scheduled (start time ahead) or sending
 *   promote   scheduled                   → sending, when the start time comes (the engine)
 *   pause     scheduled, sending          → paused, by the user or by the engine with a reason
 *   resume    paused                      → scheduled or sending
 *   cancel    scheduled, sending, paused  → cancelled
 *   complete  sending                     → completed, when nothing is queued or in flight (the engine)
 *   reopen    completed                   → sending, when the user sends an uncertain message again or marks it sent (its follow-up queued)
 *
 * The user's moves answer 409 when the campaign is not in a state they start from; the engine's
 * quietly do nothing. Each move is one conditional UPDATE on the campaign's status, so a double
 * click, two tabs or a request racing the scheduler make it happen once. Launching also queues one
 * send job per recipient, in slices before the status changes (see launchCampaign), so a launch is
 * all or nothing.
 */
type Move = 'launch' | 'promote' | 'pause' | 'resume' | 'cancel' | 'complete' | 'reopen';

const FROM: Record<Move, readonly CampaignStatus[]> = {
  launch: ['draft'],
  promote: ['scheduled'],
  pause: ['scheduled', 'sending'],
  resume: ['paused'],
  cancel: ['scheduled', 'sending', 'paused'],
  complete: ['sending'],
  reopen: ['completed'],
};

/** The campaign is in one of `from` (a plain `=` for one state: the same query as ever). */
function inState(from: readonly CampaignStatus[]) {
  return from.length === 1 ? eq(campaigns.status, from[0]!) : inArray(campaigns.status, [...from]);
}

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'> & Partial<Pick<AppDeps, 'dns'>>;

export async function launchCampaign(deps: Deps, campaign: CampaignRow, options: Pick<LaunchOptions, 'allowBlank'> & Partial<LaunchOptions>): Promise<CampaignRow> {
  if (!FROM.launch.includes(campaign.status)) throw notInState(campaign, 'launched', FROM.launch);
  // Only the blockers decide here: the DNS questions of the warnings (list hygiene, sender checks:
  // hundreds for a big list) are the preflight screen's, not the launch's; so is the finish estimate
  // (the progress the launch answers with makes its own, from the jobs just written).
  const { dns: _warningsOnly, ...blockersOnly } = deps;
  const check = await preflight(blockersOnly, campaign, { ...options, timing: false });
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
  // The preflight's checks over every recipient ran just now: let others in before the first batch.
  await yieldToEventLoop();
  const owned = and(eq(campaigns.id, campaign.id), eq(campaigns.userId, campaign.userId));
  const ours = launchedBy(campaign.id, launchMark);

  // The jobs are written a slice of recipients at a time with a pause between (one statement for
  // 100,000 rows held the event loop for most of a second, issue 17), while the campaign is still a
  // draft: the engine takes jobs of sending campaigns only. The last batch writes the last slice and
  // flips the status, so no campaign is ever sending with half its jobs. The launch first stamps its
  // mark on the draft; every later statement writes only while the mark is its own, so of two launches
  // at once only the later one goes on, and a launch that fails takes its jobs back.
  const [claim] = await deps.db.batch([
    deps.db.update(campaigns).set({ launchedAt: now }).where(and(owned, inState(FROM.launch))),
    // Jobs left by a launch that was interrupted (a crash between two slices): this one writes them anew.
    // Only while still a draft: a launch that came second in the same millisecond (the same mark)
    // must not take the jobs of the one that has just started sending.
    deps.db.run(sql`DELETE FROM send_jobs WHERE campaign_id = ${campaign.id} AND status = 'queued' AND step = 0 AND ${ours}
      AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaign.id} AND c.status = 'draft')`),
  ]);
  if (claim.rowsAffected === 0) throw notInState(campaign, 'launched', FROM.launch);

  // Numbers only (no user text): the split's SQL is built once for the launch.
  const split = firstMessageSplitSql('r.k', variantCountOf(campaign.variants), variantCountOf(campaign.variants) >= 2 ? campaign.abTest : null, dueAt);
  /** Split keys given out by the slices written so far. */
  let splitKeys = 0;
  const slice = (range: { after: number; upTo: number | null }) => {
    const inRange = range.upTo === null ? sql`q.id > ${range.after}` : sql`q.id > ${range.after} AND q.id <= ${range.upTo}`;
    const recipientInRange = range.upTo === null ? sql`${recipients.id} > ${range.after}` : sql`${recipients.id} > ${range.after} AND ${recipients.id} <= ${range.upTo}`;
    const messageId = campaignMessageIdSql({ campaignId: sql`r.campaign_id`, recipientId: sql`r.id`, step: 0 }, messageIdHost(deps.config.publicUrl));
    return [
      // Addresses suppressed since the import are skipped now, with the reason shown to the user.
      deps.db
        .update(recipients)
        .set({ status: 'skipped', statusReason: 'On your suppression list' })
        .where(
          and(
            eq(recipients.campaignId, campaign.id),
            eq(recipients.status, 'pending'),
            recipientInRange,
            sql`${recipients.emailKey} IN (SELECT email_key FROM suppressions WHERE user_id = ${campaign.userId})`,
            ours,
          ),
        ),
      // One job per pending recipient of the slice for step 0, written by the database itself, with
      // the recipient's split key (their place in the launch, running on from the slices before) and
      // A/B variant, or held for the test's winner (variants/variant-split.ts).
      deps.db.run(sql`
        INSERT OR IGNORE INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at, split_key, variant)
        SELECT r.campaign_id, r.id, r.user_id, 0, 'queued', ${sql.raw(split.dueAt)}, 0, ${messageId}, ${launchMark}, r.k, ${sql.raw(split.variant)}
        FROM (SELECT q.id, q.campaign_id, q.user_id, CAST(${splitKeys} AS INTEGER) + row_number() OVER (ORDER BY q.id) - 1 AS k
          FROM recipients q WHERE q.campaign_id = ${campaign.id} AND q.status = 'pending' AND ${inRange} AND ${ours}) r`),
    ] as const;
  };

  try {
    let after = 0;
    for (;;) {
      // recipients_by_campaign (campaign_id, id) finds the end of the next slice from the index alone.
      const [end] = await deps.db.all<{ id: number }>(
        sql`SELECT id FROM recipients WHERE campaign_id = ${campaign.id} AND id > ${after} ORDER BY id LIMIT 1 OFFSET ${LAUNCH_SLICE_RECIPIENTS - 1}`,
      );
      if (end === undefined) break;
      const [, written] = await deps.db.batch(slice({ after, upTo: end.id }));
      splitKeys += written.rowsAffected;
      after = end.id;
      await yieldToEventLoop();
    }
    const [transition] = await deps.db.batch([
      deps.db
        .update(campaigns)
        .set({ status, statusReason: null, launchedAt: now, updatedAt: now, version: sql`${campaigns.version} + 1` })
        // An import that started after the preflight (running-import-blocker.ts) holds the launch here too:
        // the jobs would cover only the rows it had written so far.
        .where(and(owned, inState(FROM.launch), ours, noImportRunning(campaign.id))),
      // The rest: recipients past the last slice, those added while the slices were written included.
      ...slice({ after, upTo: null }),
    ]);
    if (transition.rowsAffected === 0) {
      const importBlocker = await runningImportBlocker(deps.db, campaign.id, deps.clock.now());
      throw new ProblemError('conflict', { detail: importBlocker?.message ?? 'Another launch of this campaign started meanwhile.', extra: { campaignStatus: campaign.status } });
    }
  } catch (error) {
    await takeBackLaunch(deps.db, campaign.id, launchMark);
    throw error;
  }
  return (await findCampaign(deps, campaign.userId, campaign.id))!;
}

/** Recipients whose jobs one batch of a launch writes: a few ms of the event loop between two pauses. */
export const LAUNCH_SLICE_RECIPIENTS = 1000;

/**
 * Undoes a launch that failed before its last batch: its jobs go, and the draft loses its mark. Only
 * while the mark is still this launch's: a later launch under way has taken over its jobs.
 */
async function takeBackLaunch(db: Database, campaignId: string, launchMark: number) {
  const ours = launchedBy(campaignId, launchMark);
  const stillDraft = sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaignId} AND c.status = 'draft')`;
  await db.batch([
    db.run(sql`DELETE FROM send_jobs WHERE campaign_id = ${campaignId} AND step = 0 AND created_at = ${launchMark} AND ${ours} AND ${stillDraft}`),
    db.run(sql`UPDATE campaigns SET launched_at = NULL WHERE id = ${campaignId} AND status = 'draft' AND launched_at = ${launchMark}`),
  ]);
}

const noImportRunning = (campaignId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM recipient_imports WHERE campaign_id = ${campaignId} AND status = 'running')`;

/** Only this launch's batches may write: its mark is the launch time it stored on the campaign. */
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

/**
 * A completed campaign that has a message queued again (campaigns/uncertain-messages.ts) is sending
 * again: the engine claims only from sending campaigns, and completes it once more when done.
 */
export async function reopenCompleted(db: Database, campaignId: string, now: Date): Promise<boolean> {
  const reopened = await db
    .update(campaigns)
    .set({ status: 'sending', updatedAt: now, version: sql`${campaigns.version} + 1` })
    // Only with something to send: a follow-up that was not queued (already there, or cancelled for an
    // erased person) must not flip a finished campaign to sending and back.
    .where(and(eq(campaigns.id, campaignId), inState(FROM.reopen), sql`EXISTS (SELECT 1 FROM send_jobs WHERE campaign_id = ${campaignId} AND status IN ('queued', 'sending'))`))
    .returning({ id: campaigns.id });
  return reopened.length > 0;
}

/** 409 naming the states the move starts from: "only a scheduled or sending campaign can be paused". */
function notInState(campaign: CampaignRow, action: string, from: readonly CampaignStatus[]) {
  const needed = from.length === 1 ? from[0] : `${from.slice(0, -1).join(', ')} or ${from.at(-1)}`;
  return new ProblemError('conflict', {
    detail: `The campaign is ${campaign.status}; only a ${needed} campaign can be ${action}.`,
    extra: { campaignStatus: campaign.status },
  });
}
