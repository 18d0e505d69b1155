import { and, eq, inArray } from 'drizzle-orm';
import { SKIP_REASONS } from '../../../shared/schemas/skip-reasons';
import { gmailAccounts } from '../db/schema';
import { openAccountSession, type AccountSession } from '../accounts/account-client';
import type { AccountRow } from '../accounts/account-store';
import { messageIdHost } from '../campaigns/campaign-message-id';
import { completeFinishedCampaigns, promoteScheduledCampaigns } from '../campaigns/campaign-state-machine';
import type { CampaignRow } from '../campaigns/campaign-store';
import { campaigns } from '../db/schema';
import { trackingSignerFor, type TrackingSigner } from '../tracking/tokens';
import { claimAccountSlot, claimNextJob, releaseAccountSlot, renewAccountSlot, type Claim } from './claims';
import { campaignSentLast24h, sentInLast24h } from '../limits/daily-limits';
import { SEND_JOB_UNITS } from '../limits/quota-budget';
import { rememberRecentSends } from '../limits/recent-sends';
import { deliverJob } from './deliver-job';
import type { EngineDeps } from './engine-deps';
import { reasonToSkip, threadContext } from './follow-up-gate';
import { handleOutcome, type HandledOutcome } from './handle-outcome';
import { deferToRecipientWindow, finishJobUnsent } from './record-outcome';
import { recoverLeases } from './recover-leases';
import { pollDueMailboxes } from './replies/poll-due-mailboxes';
import type { PollResult } from './replies/poll-mailbox';
import { accountsByRoom, campaignsInTurn, noteLastSent } from './rotation';
import { stepTemplatesFor, type StepTemplateCache } from './step-template-cache';
import { createTickOptOuts, type TickOptOuts } from './tick-opt-outs';
import { campaignMayClaim, effectiveGap, randomGapMs, recipientWindowOpening } from '../schedule';
import { runRetentionIfDue } from '../privacy/retention/run-retention';
import { takeBackAbandonedImportsIfDue } from '../recipient-imports/abandoned-imports';
import { advanceAbTests } from '../variants/ab-tests-in-tick';

export type TickReport = {
  promoted: string[];
  recovered: number;
  /** Replies, automatic replies and bounces found in the mailboxes read this tick. */
  incoming: { reply: number; auto_reply: number; bounce: number };
  completed: string[];
  /** Campaigns whose A/B test this tick decided (the decision is written by one scheduler only). */
  abDecided: string[];
  attempts: { jobId: number; campaignId: string; accountId: string; step: number; result: HandledOutcome }[];
  /**
   * The earliest moment this tick knows more can go: an account that paused for its gap (or until its
   * Gmail quota minute frees room) with room and work left. null: nothing known sooner than the next
   * regular tick. The Node loop wakes then, so gaps shorter than its interval are honoured.
   */
  nextDueAt: Date | null;
};

/**
 * One run of the scheduler: the same function on a Node timer and a Workers cron. It reads
 * everything it needs from the database, sends what is due within each account's pace, limit and
 * each campaign's window, records the outcomes and returns what it did. Sends for different
 * accounts run concurrently; one account sends one message at a time, a random gap apart.
 *
 * The rules it applies each live in a file of their name: rotation.ts (which account, for which
 * campaign), daily-limits.ts, quota-budget.ts (Gmail's units a minute), schedule/ (windows and gaps), follow-up-gate.ts (whether a job still
 * goes out), retry-policy.ts (what a failure does next) and campaigns/campaign-state-machine.ts.
 *
 * @example const report = await runSchedulerTick(deps, { maxSends: 100 });
 */
export async function runSchedulerTick(deps: EngineDeps, options: { maxSends?: number } = {}): Promise<TickReport> {
  const maxSends = options.maxSends ?? 500;
  const db = deps.db;
  const started = deps.clock.now();
  const report: TickReport = {
    promoted: await promoteScheduledCampaigns(db, started),
    recovered: await recoverLeases(db, { now: started, workerId: deps.workerId }),
    // Replies and bounces first: a follow-up due now must see a reply that came in since the last tick.
    incoming: summarise(await pollDueMailboxes(deps)),
    completed: [],
    abDecided: [],
    attempts: [],
    nextDueAt: null,
  };
  const signer = await trackingSignerFor(deps.config.authSecret);
  const host = messageIdHost(deps.config.publicUrl);
  const templates = stepTemplatesFor(db);
  const optOuts = createTickOptOuts(db, deps.config.authSecret);

  const sending = await db.select().from(campaigns).where(eq(campaigns.status, 'sending'));
  // A/B tests whose wait is over are decided, and their held first messages released, before the claims (variants/).
  report.abDecided = await advanceAbTests(db, sending, started);
  // With per-recipient zones (issue 18) each claimed job's own window is checked instead (sendNextFromAccount).
  const open = sending.filter((campaign) => campaignMayClaim(campaign.schedule, started));
  const accountIds = [...new Set(open.flatMap((campaign) => campaign.accountIds))];
  if (accountIds.length > 0) {
    const accounts = await db.select().from(gmailAccounts).where(and(inArray(gmailAccounts.id, accountIds), eq(gmailAccounts.status, 'ok')));
    // Still in its gap (or cooling down) as read at the tick's start: its slot's claim would fail, so
    // none is tried, and its day is not counted (with gaps, most accounts wait at any tick, and
    // counting a busy account's day reads its day's sends); it is due when the wait ends, which
    // may then find it at its daily limit: one tick for nothing, cheaper than counting every tick.
    const due = [];
    for (const account of accounts) {
      const waitsUntil = Math.max(account.nextSendAt?.getTime() ?? 0, account.cooldownUntil?.getTime() ?? 0);
      if (waitsUntil <= started.getTime()) due.push(account);
      else if (report.nextDueAt === null || waitsUntil < report.nextDueAt.getTime()) report.nextDueAt = new Date(waitsUntil);
    }
    const dueIds = due.map((account) => account.id);
    const sentByAccount = await sentInLast24h(db, dueIds, started);
    // Sends of the last minute this process's quota budget did not see (a restart, a new Workers isolate).
    await rememberRecentSends(db, deps.quota, dueIds, started);
    // Only a campaign with a daily cap needs its day counted (rotation.ts: campaignsInTurn).
    const capped = open.filter((campaign) => campaign.throttle.dailyCap !== undefined);
    const sentByCampaign = await campaignSentLast24h(db, due.length === 0 ? [] : capped.map((campaign) => campaign.id), started);
    let budget = maxSends;
    // Rotation: the accounts with the most room left go first.
    const ordered = accountsByRoom(due, sentByAccount, started);
    const lastSent = new Map<string, Date>();
    const shared = { campaigns: open, sentByCampaign, lastSent, signer, messageIdHost: host, templates, optOuts };
    await Promise.all(
      ordered.map(async ({ account, room }) => {
        const sender = { ...shared, account, session: openAccountSession(deps, account) };
        // The account's send slot is held from one message to the next while there is no gap between
        // them (the claim itself checks the account can still send), and renewed before its lease ends.
        let heldUntil: number | null = null;
        let left = room;
        while (left > 0 && budget > 0) {
          const now = deps.clock.now();
          // Gmail quota: a job starts only when its dearest case (mailbox check, thread check, send)
          // fits the account's minute, so no call of it is refused half-way; else it is due when it fits.
          const quotaAt = deps.quota.fitsAt(account.id, SEND_JOB_UNITS, 'send', now);
          if (quotaAt === null || quotaAt.getTime() > now.getTime()) {
            if (heldUntil !== null) await releaseAccountSlot(db, account.id, quotaAt ?? now);
            if (quotaAt && (report.nextDueAt === null || quotaAt < report.nextDueAt)) report.nextDueAt = quotaAt;
            break;
          }
          // Taken before the await: accounts send concurrently, and maxSends is a hard cap.
          budget--;
          if (heldUntil === null || heldUntil - now.getTime() < deps.leaseMs / 2) {
            const holdUntil = new Date(now.getTime() + deps.leaseMs);
            const held = heldUntil === null
              ? await claimAccountSlot(db, account.id, now, holdUntil)
              : await renewAccountSlot(db, account.id, { now, holdUntil, releaseAt: now });
            if (!held) {
              budget++;
              break;
            }
            heldUntil = holdUntil.getTime();
          }
          const attempt = await sendNextFromAccount(deps, sender);
          if (!attempt) {
            budget++;
            await releaseAccountSlot(db, account.id, now);
            break;
          }
          report.attempts.push(attempt);
          if (attempt.result.status === 'sent') left--;
          // A gap above zero means this account is done for this tick; the next tick picks it up.
          if (attempt.pauseMs > 0 || left === 0 || budget === 0) {
            const freeAt = new Date(deps.clock.now().getTime() + attempt.pauseMs);
            await releaseAccountSlot(db, account.id, freeAt);
            // Sent, paused for its gap, and may send more: the account is due again at `freeAt`.
            if (left > 0 && (report.nextDueAt === null || freeAt < report.nextDueAt)) report.nextDueAt = freeAt;
            break;
          }
        }
      }),
    );
    await noteLastSent(db, lastSent);
  }
  report.completed = await completeFinishedCampaigns(db, deps.clock.now());
  // Once a day, after the sends: the users' retention periods (privacy/retention/). Other ticks skip it without a query.
  await runRetentionIfDue(deps);
  // Imports that died midway are taken back whole (recipient-imports/): every 30 s, no query between.
  await takeBackAbandonedImportsIfDue(deps);
  return report;
}

type Sender = {
  account: AccountRow;
  session: AccountSession;
  campaigns: CampaignRow[];
  sentByCampaign: Map<string, number>;
  lastSent: Map<string, Date>;
  signer: TrackingSigner;
  messageIdHost: string;
  templates: StepTemplateCache;
  optOuts: TickOptOuts;
};

type Attempt = TickReport['attempts'][number] & { pauseMs: number };

/** Claims and sends this account's next due job among the open campaigns it serves, fairly. The caller holds the account's slot. */
async function sendNextFromAccount(deps: EngineDeps, sender: Sender): Promise<Attempt | null> {
  const now = deps.clock.now();
  for (const campaign of campaignsInTurn(sender.account.id, sender.campaigns, sender.sentByCampaign)) {
    const job = await claimInRecipientWindow(deps, { campaign, accountId: sender.account.id, now });
    if (!job) continue;
    const result = await processJob(deps, sender, { job, campaign });
    const sentAt = deps.clock.now();
    const gap = effectiveGap(sender.account, campaign.throttle);
    const pauseMs = result.status === 'sent' ? randomGapMs(gap.minGapSeconds, gap.maxGapSeconds, deps.random) : 0;
    if (result.status === 'sent') {
      campaign.lastSentAt = sentAt;
      sender.lastSent.set(campaign.id, sentAt);
      sender.sentByCampaign.set(campaign.id, (sender.sentByCampaign.get(campaign.id) ?? 0) + 1);
    }
    return { jobId: job.id, campaignId: campaign.id, accountId: sender.account.id, step: job.step, result, pauseMs };
  }
  return null;
}

/**
 * Claims per campaign and call at most: a job is given back once per closed window (its due time
 * moves to the opening), so a long list outside its hours is worked through over a few ticks.
 */
const MAX_CLAIMS_PER_TURN = 50;

/**
 * The campaign's next due job whose recipient's window is open now. Without per-recipient zones,
 * simply the next due job (the campaign's window was checked for the tick). With them (issue 18),
 * a claimed job whose recipient is outside their own hours is given back, due at their next
 * opening, so no claim picks it again before then; then the next one is tried.
 */
async function claimInRecipientWindow(deps: EngineDeps, input: { campaign: CampaignRow; accountId: string; now: Date }): Promise<Claim | null> {
  const { campaign, now } = input;
  for (let claims = 0; claims < MAX_CLAIMS_PER_TURN; claims++) {
    const job = await claimNextJob(deps.db, {
      campaignId: campaign.id,
      accountId: input.accountId,
      workerId: deps.workerId,
      now,
      leaseUntil: new Date(now.getTime() + deps.leaseMs),
    });
    // A removed recipient (found null) goes on to be skipped, whatever the hour.
    if (!job || !campaign.schedule.recipientTimeZoneField || !job.found) return job;
    const opening = recipientWindowOpening(campaign.schedule, job.found.recipient.fields, now);
    if (opening.getTime() <= now.getTime()) return job;
    await deferToRecipientWindow(deps.db, job, opening);
  }
  return null;
}

async function processJob(deps: EngineDeps, sender: Sender, input: { job: Claim; campaign: CampaignRow }): Promise<HandledOutcome> {
  const { job, campaign } = input;
  const { account } = sender;
  // Read by the claim itself (claims.ts): the recipient as it is now, and any suppression.
  const found = job.found;
  if (!found) {
    await finishJobUnsent(deps.db, job, 'skipped', SKIP_REASONS.removed);
    return { status: 'skipped', reason: SKIP_REASONS.removed };
  }
  const skip = await reasonToSkip(deps.db, job, campaign, found);
  const outcome = skip
    ? ({ kind: 'skip', ...skip } as const)
    : await deliverJob(
        { ...deps, signer: sender.signer, templates: sender.templates, optOuts: sender.optOuts, session: sender.session },
        { job, campaign, account, recipient: found.recipient, thread: await threadContext(deps.db, job) },
      );
  return handleOutcome(deps, { job, campaign, account, outcome, messageIdHost: sender.messageIdHost });
}

function summarise(results: Map<string, PollResult>): TickReport['incoming'] {
  const total = { reply: 0, auto_reply: 0, bounce: 0 };
  for (const result of results.values()) {
    total.reply += result.reply;
    total.auto_reply += result.auto_reply;
    total.bounce += result.bounce;
  }
  return total;
}
