import { and, eq, inArray } from 'drizzle-orm';
import { gmailAccounts, recipients, sendJobs } from '../db/schema';
import type { AccountRow } from '../accounts/account-store';
import type { CampaignRow } from '../campaigns/campaign-store';
import { campaigns } from '../db/schema';
import { deriveKey } from '../lib/keys';
import { createTrackingSigner, type TrackingSigner } from '../tracking/tokens';
import { sentInLast24h } from './account-room';
import { campaignSentLast24h, completeFinishedCampaigns, promoteScheduledCampaigns } from './campaign-progress';
import { claimAccountSlot, claimJob, releaseAccountSlot } from './claims';
import { deliverJob } from './deliver-job';
import type { EngineDeps } from './engine-deps';
import { reasonToSkip, threadContext } from './follow-up-gate';
import { handleOutcome, type HandledOutcome } from './handle-outcome';
import { nextDueJob } from './next-job';
import { finishJobUnsent } from './record-outcome';
import { recoverExpiredLeases } from './recover-leases';
import { pollDueMailboxes } from './replies/poll-due-mailboxes';
import type { PollResult } from './replies/poll-mailbox';
import { createStepTemplateCache, type StepTemplateCache } from './step-template-cache';
import { effectiveGap, nextWindowOpening, randomGapMs } from './schedule';

const CLAIM_LOOKS = 5;

export type TickReport = {
  promoted: string[];
  recovered: number;
  /** Replies, automatic replies and bounces found in the mailboxes read this tick. */
  incoming: { reply: number; auto_reply: number; bounce: number };
  completed: string[];
  attempts: { jobId: number; campaignId: string; accountId: string; step: number; result: HandledOutcome }[];
};

/**
 * One run of the scheduler: the same function on a Node timer and a Workers cron. It reads
 * everything it needs from the database, sends what is due within each account's pace, limit and
 * each campaign's window, records the outcomes and returns what it did. Sends for different
 * accounts run concurrently; one account sends one message at a time, a random gap apart.
 *
 * @example const report = await runSchedulerTick(deps, { maxSends: 100 });
 */
export async function runSchedulerTick(deps: EngineDeps, options: { maxSends?: number } = {}): Promise<TickReport> {
  const maxSends = options.maxSends ?? 500;
  const db = deps.db;
  const started = deps.clock.now();
  const report: TickReport = {
    promoted: await promoteScheduledCampaigns(db, started),
    recovered: await recoverExpiredLeases(db, started),
    // Replies and bounces first: a follow-up due now must see a reply that came in since the last tick.
    incoming: summarise(await pollDueMailboxes(deps)),
    completed: [],
    attempts: [],
  };
  const signer = await createTrackingSigner(await deriveKey(deps.config.authSecret, 'tracking'));
  const messageIdHost = new URL(deps.config.publicUrl).hostname;
  const templates = createStepTemplateCache();

  const sending = await db.select().from(campaigns).where(eq(campaigns.status, 'sending'));
  const open = sending.filter((campaign) => nextWindowOpening(campaign.schedule, started).getTime() <= started.getTime());
  const accountIds = [...new Set(open.flatMap((campaign) => campaign.accountIds))];
  if (accountIds.length > 0) {
    const accounts = await db.select().from(gmailAccounts).where(and(inArray(gmailAccounts.id, accountIds), eq(gmailAccounts.status, 'ok')));
    const sentByAccount = await sentInLast24h(db, accountIds, started);
    const sentByCampaign = await campaignSentLast24h(db, open.map((campaign) => campaign.id), started);
    let budget = maxSends;
    // Accounts with the most room left go first: rotation spreads a campaign by remaining room.
    const ordered = accounts
      .map((account) => ({ account, room: account.dailyLimit - (sentByAccount.get(account.id) ?? 0) }))
      .filter((entry) => entry.room > 0)
      .sort((a, b) => b.room - a.room);
    await Promise.all(
      ordered.map(async ({ account, room }) => {
        let left = room;
        while (left > 0 && budget > 0) {
          // Taken before the await: accounts send concurrently, and maxSends is a hard cap.
          budget--;
          const attempt = await sendNextFromAccount(deps, { account, campaigns: open, sentByCampaign, signer, messageIdHost, templates });
          if (!attempt) {
            budget++;
            break;
          }
          report.attempts.push(attempt);
          if (attempt.result.status === 'sent') left--;
          // A gap above zero means this account is done for this tick; the next tick picks it up.
          const refreshed = await db.select({ nextSendAt: gmailAccounts.nextSendAt, status: gmailAccounts.status, cooldownUntil: gmailAccounts.cooldownUntil }).from(gmailAccounts).where(eq(gmailAccounts.id, account.id));
          const now = deps.clock.now().getTime();
          const state = refreshed[0];
          if (!state || state.status !== 'ok' || (state.nextSendAt?.getTime() ?? 0) > now || (state.cooldownUntil?.getTime() ?? 0) > now) break;
        }
      }),
    );
  }
  report.completed = await completeFinishedCampaigns(db, deps.clock.now());
  return report;
}

/** Claims and sends this account's next due job among the open campaigns it serves, fairly. */
async function sendNextFromAccount(
  deps: EngineDeps,
  input: { account: AccountRow; campaigns: CampaignRow[]; sentByCampaign: Map<string, number>; signer: TrackingSigner; messageIdHost: string; templates: StepTemplateCache },
): Promise<TickReport['attempts'][number] | null> {
  const db = deps.db;
  const now = deps.clock.now();
  // The campaign that waited longest goes first (fair between campaigns sharing an account).
  const served = input.campaigns
    .filter((campaign) => campaign.accountIds.includes(input.account.id))
    .filter((campaign) => campaign.throttle.dailyCap === undefined || (input.sentByCampaign.get(campaign.id) ?? 0) < campaign.throttle.dailyCap)
    .sort((a, b) => (a.lastSentAt?.getTime() ?? 0) - (b.lastSentAt?.getTime() ?? 0));
  let slotHeld = false;
  for (const campaign of served) {
    // Other accounts (or another scheduler) may take the job we saw first: look again a few times.
    for (let look = 0; look < CLAIM_LOOKS; look++) {
      const jobId = await nextDueJob(db, campaign.id, input.account.id, now);
      if (jobId === null) break;
      if (!slotHeld) {
        if (!(await claimAccountSlot(db, input.account.id, now, new Date(now.getTime() + deps.leaseMs)))) return null;
        slotHeld = true;
      }
      const job = await claimJob(db, jobId, { accountId: input.account.id, workerId: deps.workerId, leaseUntil: new Date(now.getTime() + deps.leaseMs) });
      if (!job) continue;
      const result = await processJob(deps, { job, campaign, account: input.account, signer: input.signer, messageIdHost: input.messageIdHost, templates: input.templates });
      const sentAt = deps.clock.now();
      const gap = effectiveGap(input.account, campaign.throttle);
      const pause = result.status === 'sent' ? randomGapMs(gap.minGapSeconds, gap.maxGapSeconds, deps.random) : 0;
      await releaseAccountSlot(db, input.account.id, new Date(sentAt.getTime() + pause));
      if (result.status === 'sent') {
        campaign.lastSentAt = sentAt;
        input.sentByCampaign.set(campaign.id, (input.sentByCampaign.get(campaign.id) ?? 0) + 1);
      }
      return { jobId: job.id, campaignId: campaign.id, accountId: input.account.id, step: job.step, result };
    }
  }
  if (slotHeld) await releaseAccountSlot(db, input.account.id, now);
  return null;
}

async function processJob(
  deps: EngineDeps,
  input: { job: typeof sendJobs.$inferSelect; campaign: CampaignRow; account: AccountRow; signer: TrackingSigner; messageIdHost: string; templates: StepTemplateCache },
): Promise<HandledOutcome> {
  const { job, campaign, account } = input;
  const [recipient] = await deps.db.select().from(recipients).where(eq(recipients.id, job.recipientId));
  if (!recipient) {
    await finishJobUnsent(deps.db, job, 'skipped', 'The recipient was removed');
    return { status: 'skipped', reason: 'The recipient was removed' };
  }
  const skip = await reasonToSkip(deps.db, job, campaign, recipient);
  const outcome = skip
    ? ({ kind: 'skip', ...skip } as const)
    : await deliverJob({ ...deps, signer: input.signer, templates: input.templates }, { job, campaign, account, recipient, thread: await threadContext(deps.db, job) });
  return handleOutcome(deps, { job, campaign, account, outcome, messageIdHost: input.messageIdHost });
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
