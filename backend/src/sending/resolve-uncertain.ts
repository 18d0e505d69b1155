import { and, eq, sql } from 'drizzle-orm';
import { normaliseFields } from '../../../shared/merge';
import { SKIPPED_AFTER_UNCERTAIN, type ResolvedMessage, type UncertainOutcome } from '../../../shared/schemas/uncertain-messages';
import { messageIdHost } from '../campaigns/campaign-message-id';
import { reopenCompleted } from '../campaigns/campaign-state-machine';
import type { CampaignRow } from '../campaigns/campaign-store';
import { compileStepTemplates } from '../campaigns/campaign-templates';
import { gmailAccounts, recipients, sendJobs } from '../db/schema';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { campaignTracking, recipientTracking } from '../tracking/tracking-decision';
import type { ClaimedJob } from './claims';
import { threadContext } from './follow-up-gate';
import { findLinks } from './message';
import { recordDelivered } from './record-outcome';
import { createTickOptOuts } from './tick-opt-outs';
import { variantContent } from './variant-content';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/**
 * How long a message being marked sent is held as 'sending' between its two writes: past it (a crash
 * between them) lease recovery puts it back with a mailbox check, and it ends uncertain again.
 */
const RESOLVE_LEASE_MS = 60_000;

/**
 * The user's answer to an uncertain message (deliver-job.ts: "Check the Sent folder, then resend or
 * skip"). Each outcome is one conditional write on `status = 'uncertain'`, so two clicks at once
 * settle it once; the other answers 409. A completed campaign with a message queued again (sent
 * again, or marked sent with a follow-up to come) is sending again (campaign-state-machine.ts).
 *
 * @example await resolveUncertain(deps, campaign, 42, 'skip') // { jobId: 42, status: 'skipped' }
 */
export async function resolveUncertain(deps: Deps, campaign: CampaignRow, jobId: number, outcome: UncertainOutcome): Promise<ResolvedMessage> {
  const now = deps.clock.now();
  const job = await campaignJob(deps, campaign, jobId);
  if (job.status !== 'uncertain') throw notUncertain(job.status);
  const uncertain = and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'uncertain'));
  if (outcome === 'skip') {
    // Its later steps are queued only when it is sent: skipped, none ever comes.
    const done = await deps.db.update(sendJobs).set({ status: 'skipped', statusReason: SKIPPED_AFTER_UNCERTAIN }).where(uncertain).returning({ id: sendJobs.id });
    if (done.length === 0) throw notUncertain(await statusOf(deps, job.id));
    return { jobId: job.id, status: 'skipped' };
  }
  if (outcome === 'send-again') {
    if (campaign.status === 'cancelled') {
      throw new ProblemError('conflict', { detail: 'The campaign was cancelled: nothing more is sent from it.', extra: { campaignStatus: campaign.status } });
    }
    // The user looked in Sent: no mailbox check first (they answered it), and a fresh round of attempts
    // (the old ones ended in doubt, not in a refusal). A first message is free to go from any of the
    // campaign's accounts (rotation.ts: the one it tried may be gone); a follow-up stays in its thread's.
    const done = await deps.db
      .update(sendJobs)
      .set({ status: 'queued', statusReason: null, dueAt: now, verifyBeforeSend: false, leaseUntil: null, claimedBy: null, attempts: 0, ...(job.step === 0 ? { accountId: null } : {}) })
      .where(and(uncertain, sql`NOT EXISTS (SELECT 1 FROM campaigns WHERE id = ${campaign.id} AND status = 'cancelled')`))
      .returning({ id: sendJobs.id });
    if (done.length === 0) throw notUncertain(await statusOf(deps, job.id));
    await reopenCompleted(deps.db, campaign.id, now);
    return { jobId: job.id, status: 'queued' };
  }
  // was-sent: recorded by the engine's own path (record-outcome.ts), which counts it against the account
  // that made the attempt: that account must still be there.
  if (!job.accountId || !(await accountExists(deps, job.accountId))) {
    throw new ProblemError('conflict', {
      detail: 'The account that made this attempt is no longer connected, so it cannot be recorded as sent from it. Skip it, or send it again from another account.',
    });
  }
  const delivered = await asDelivered(deps, campaign, job);
  // Held as the engine holds a job it sends, by no scheduler instance (no heartbeat names it): only
  // the lease's end lets recovery take it.
  const held = await deps.db
    .update(sendJobs)
    .set({ status: 'sending', leaseUntil: new Date(now.getTime() + RESOLVE_LEASE_MS), claimedBy: 'user-answer' })
    .where(uncertain)
    .returning({ id: sendJobs.id });
  if (held.length === 0) throw notUncertain(await statusOf(deps, job.id));
  try {
    await recordDelivered(deps.db, {
      job,
      campaign,
      // The account that made the attempt: its rolling 24 hours count the message from now (Gmail counted it then, perhaps earlier).
      accountId: job.accountId,
      sentAt: now,
      gmailMessageId: null,
      // A thread id an earlier step gave it stays: its follow-ups go in that thread.
      gmailThreadId: job.gmailThreadId,
      ...delivered,
      messageIdHost: messageIdHost(deps.config.publicUrl),
    });
  } catch (error) {
    // Not recorded: back to the user's list, as it was, rather than held until recovery requeues it.
    await deps.db
      .update(sendJobs)
      .set({ status: 'uncertain', leaseUntil: null, claimedBy: null })
      .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending'), eq(sendJobs.claimedBy, 'user-answer')));
    throw error;
  }
  if (campaign.followUps[job.step]) await reopenCompleted(deps.db, campaign.id, now);
  return { jobId: job.id, status: 'sent' };
}

/**
 * What the delivered copy carried, as deliver-job.ts works it out for a copy found in the mailbox:
 * the same tracking decision and variant, and its links (their click tokens number them: without
 * them each tracked link would answer 404 to the recipient).
 */
async function asDelivered(deps: Deps, campaign: CampaignRow, job: ClaimedJob) {
  const [recipient] = await deps.db.select({ email: recipients.email, fields: recipients.fields }).from(recipients).where(eq(recipients.id, job.recipientId));
  const thread = await threadContext(deps.db, job);
  const content = variantContent(campaign, job, thread.firstVariant ?? null);
  const fields = normaliseFields(recipient?.fields ?? {});
  const policy = campaignTracking(deps.config.tracking, campaign);
  const optOuts = createTickOptOuts(deps.db, deps.config.authSecret);
  const tracked =
    recipient !== undefined && (await recipientTracking(policy, fields, () => optOuts.isOptedOut(job.userId, recipient.email, job.tracked))) === null;
  const clicks = tracked && policy !== null && policy.clicks;
  const html = clicks ? compileStepTemplates({ subject: content.subject, html: content.html, text: content.text }).render(fields).html : '';
  return { tracked, variant: content.variant, linkOffset: content.linkOffset, links: clicks ? findLinks(html) : [] };
}

/** The campaign's job `jobId` (the engine's columns and its status), or 404: another campaign's id answers as an unknown one. */
async function campaignJob(deps: Deps, campaign: CampaignRow, jobId: number) {
  const [job] = await deps.db
    .select({
      id: sendJobs.id, campaignId: sendJobs.campaignId, recipientId: sendJobs.recipientId, userId: sendJobs.userId, step: sendJobs.step,
      accountId: sendJobs.accountId, attempts: sendJobs.attempts, verifyBeforeSend: sendJobs.verifyBeforeSend, messageId: sendJobs.messageId,
      gmailThreadId: sendJobs.gmailThreadId, tracked: sendJobs.tracked, variant: sendJobs.variant, splitKey: sendJobs.splitKey, status: sendJobs.status,
    })
    .from(sendJobs)
    .where(and(eq(sendJobs.id, jobId), eq(sendJobs.campaignId, campaign.id), eq(sendJobs.userId, campaign.userId)));
  if (!job) throw new ProblemError('not-found', { detail: 'No message with this id in this campaign.' });
  return job;
}

async function accountExists(deps: Deps, accountId: string) {
  return (await deps.db.select({ id: gmailAccounts.id }).from(gmailAccounts).where(eq(gmailAccounts.id, accountId))).length > 0;
}

async function statusOf(deps: Deps, jobId: number) {
  const [row] = await deps.db.select({ status: sendJobs.status }).from(sendJobs).where(eq(sendJobs.id, jobId));
  return row?.status ?? 'gone';
}

/** 409 naming the message's state: "The message is sent; only an uncertain message can be settled." */
function notUncertain(status: string) {
  return new ProblemError('conflict', { detail: `The message is ${status}; only an uncertain message can be settled.`, extra: { messageStatus: status } });
}
