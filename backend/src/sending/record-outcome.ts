import { ERASED_KEY_PREFIX, ERASED_REASON } from '../../../shared/lib/erased-recipient';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accountSends, jobLinks, recipients, sendJobs } from '../db/schema';
import { campaignMessageId } from '../campaigns/campaign-message-id';
import type { CampaignRow } from '../campaigns/campaign-store';
import type { ClaimedJob } from './claims';

type Job = ClaimedJob;

/**
 * Records a delivered message in one batch: the job, the recipient, the account's send log (daily
 * limits), the links for click redirects, and the recipient's next follow-up job when the campaign
 * has one. Writing it all at once means a crash leaves either everything or nothing, and "nothing"
 * is caught by the Message-ID check before any retry.
 */
export async function recordDelivered(
  db: Database,
  input: {
    job: Job;
    campaign: CampaignRow;
    accountId: string;
    sentAt: Date;
    gmailMessageId: string;
    gmailThreadId: string;
    links: string[];
    /** Whether the message carries tracking (tracking/tracking-decision.ts). */
    tracked: boolean;
    messageIdHost: string;
  },
): Promise<void> {
  const { job, campaign, sentAt } = input;
  const nextStep = campaign.followUps[job.step];
  const statements = [
    db
      .update(sendJobs)
      .set({
        status: 'sent',
        statusReason: null,
        sentAt,
        gmailMessageId: input.gmailMessageId,
        gmailThreadId: input.gmailThreadId,
        leaseUntil: null,
        verifyBeforeSend: false,
        // Only ever turned off here: an opt-out that came in while this message was on its way has
        // already set false, and its opens must stay unrecorded.
        ...(input.tracked ? {} : { tracked: false }),
      })
      .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending'))),
    db.insert(accountSends).values({ accountId: input.accountId, sentAt, jobId: job.id }),
    // The first message makes a pending recipient "sent"; later states (replied, bounced…) are never undone here.
    db
      .update(recipients)
      .set({ status: sql`CASE WHEN ${recipients.status} = 'pending' THEN 'sent' ELSE ${recipients.status} END`, lastEventAt: sentAt })
      .where(eq(recipients.id, job.recipientId)),
  ] as const;
  const extra = [];
  if (input.links.length > 0) {
    extra.push(db.insert(jobLinks).values(input.links.map((url, linkIndex) => ({ jobId: job.id, linkIndex, url }))).onConflictDoNothing());
  }
  if (nextStep) {
    extra.push(queueNextStep(db, { job, campaign, accountId: input.accountId, gmailThreadId: input.gmailThreadId, from: sentAt, messageIdHost: input.messageIdHost }));
  }
  await db.batch([...statements, ...extra, ...forgetIfErased(db, job)]);
}

/**
 * The person may have been erased while this message was on its way (people/erase-person.ts leaves
 * a job being sent as it is): then, in the same transaction, do to it what the erasure did to the
 * others: no links (they may hold the address merged in), no Gmail ids, a Message-ID no reply can
 * match, no tracking, and no follow-up.
 */
function forgetIfErased(db: Database, job: Job) {
  const erased = sql`EXISTS (SELECT 1 FROM ${recipients} WHERE ${recipients.id} = ${job.recipientId} AND ${recipients.emailKey} LIKE ${`${ERASED_KEY_PREFIX}%`})`;
  return [
    db.delete(jobLinks).where(and(eq(jobLinks.jobId, job.id), erased)),
    db
      .update(sendJobs)
      .set({ gmailMessageId: null, gmailThreadId: null, statusReason: null, tracked: false, messageId: sql`${ERASED_KEY_PREFIX} || ${sendJobs.id}` })
      .where(and(eq(sendJobs.id, job.id), erased)),
    db
      .update(sendJobs)
      .set({ status: 'cancelled', statusReason: ERASED_REASON, leaseUntil: null })
      .where(and(eq(sendJobs.recipientId, job.recipientId), eq(sendJobs.status, 'queued'), erased)),
  ] as const;
}

/**
 * Skips a follow-up whose own condition is not met (they opened, they clicked) and queues the step
 * after it, in the same thread, as if this one had gone out now.
 */
export async function skipStep(
  db: Database,
  input: { job: Job; campaign: CampaignRow; reason: string; at: Date; messageIdHost: string },
): Promise<void> {
  const { job, campaign } = input;
  const finish = db
    .update(sendJobs)
    .set({ status: 'skipped', statusReason: input.reason, leaseUntil: null })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
  if (!campaign.followUps[job.step]) {
    await finish;
    return;
  }
  await db.batch([
    finish,
    queueNextStep(db, { job, campaign, accountId: job.accountId, gmailThreadId: job.gmailThreadId, from: input.at, messageIdHost: input.messageIdHost }),
  ]);
}

/**
 * The recipient's next step, due its delay after `from`, in the same account and thread. Not for
 * a cancelled campaign: a message in flight when the user cancelled must not queue another.
 */
function queueNextStep(
  db: Database,
  input: { job: Job; campaign: CampaignRow; accountId: string | null; gmailThreadId: string | null; from: Date; messageIdHost: string },
) {
  const { job } = input;
  const step = job.step + 1;
  const dueAt = input.from.getTime() + input.campaign.followUps[job.step]!.delayHours * 3_600_000;
  const messageId = campaignMessageId({ campaignId: job.campaignId, recipientId: job.recipientId, step }, input.messageIdHost);
  return db.run(sql`
    INSERT OR IGNORE INTO send_jobs (campaign_id, recipient_id, user_id, step, account_id, status, due_at, attempts, verify_before_send, message_id, gmail_thread_id, created_at)
    SELECT ${job.campaignId}, ${job.recipientId}, ${job.userId}, ${step}, ${input.accountId}, 'queued', ${dueAt}, 0, 0, ${messageId}, ${input.gmailThreadId}, ${input.from.getTime()}
    WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ${job.campaignId} AND status <> 'cancelled')`);
}

/** Puts a job back in the queue for a later attempt, flagged for a mailbox check when the last one may have landed. */
export async function requeueJob(
  db: Database,
  job: Job,
  input: { dueAt: Date; reason: string; verifyBeforeSend: boolean; keepAccount: boolean; notAnAttempt?: boolean },
): Promise<void> {
  await db
    .update(sendJobs)
    .set({
      status: 'queued',
      // The claim counted an attempt; a call that never tried the message (429, no authorisation) gives it back.
      ...(input.notAnAttempt ? { attempts: sql`max(${sendJobs.attempts} - 1, 0)` } : {}),
      statusReason: input.reason,
      dueAt: input.dueAt,
      leaseUntil: null,
      claimedBy: null,
      verifyBeforeSend: input.verifyBeforeSend || job.verifyBeforeSend,
      // Whether it may move to another account is rotation's rule (rotation.ts: staysWithAccount).
      ...(input.keepAccount ? {} : { accountId: null }),
    })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
}

/** Ends a job without sending: `failed` (Gmail refused it), `skipped` (no longer wanted) or `uncertain`. */
export async function finishJobUnsent(
  db: Database,
  job: Job,
  status: 'failed' | 'skipped' | 'uncertain' | 'cancelled',
  reason: string,
  recipientStatus?: 'failed',
): Promise<void> {
  const finishJob = db
    .update(sendJobs)
    .set({ status, statusReason: reason, leaseUntil: null })
    .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending')));
  if (!recipientStatus) {
    await finishJob;
    return;
  }
  await db.batch([
    finishJob,
    db
      .update(recipients)
      .set({ status: recipientStatus, statusReason: reason })
      .where(and(eq(recipients.id, job.recipientId), eq(recipients.status, 'pending'))),
  ]);
}
