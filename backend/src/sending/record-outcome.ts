import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accountSends, campaigns, jobLinks, recipients, sendJobs } from '../db/schema';
import type { CampaignRow } from '../campaigns/campaign-store';

type Job = typeof sendJobs.$inferSelect;

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
      })
      .where(and(eq(sendJobs.id, job.id), eq(sendJobs.status, 'sending'))),
    db.insert(accountSends).values({ accountId: input.accountId, sentAt, jobId: job.id }),
    db.update(campaigns).set({ lastSentAt: sentAt }).where(eq(campaigns.id, campaign.id)),
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
    const step = job.step + 1;
    extra.push(
      db
        .insert(sendJobs)
        .values({
          campaignId: job.campaignId,
          recipientId: job.recipientId,
          userId: job.userId,
          step,
          accountId: input.accountId,
          status: 'queued',
          dueAt: new Date(sentAt.getTime() + nextStep.delayHours * 3_600_000),
          messageId: followUpMessageId(job.campaignId, job.recipientId, step, input.messageIdHost),
          gmailThreadId: input.gmailThreadId,
          createdAt: sentAt,
        })
        .onConflictDoNothing(),
    );
  }
  await db.batch([...statements, ...extra]);
}

export function followUpMessageId(campaignId: string, recipientId: number, step: number, host: string): string {
  return `<${campaignId}.${recipientId}.${step}@${host}>`;
}

/** Puts a job back in the queue for a later attempt, flagged for a mailbox check when the last one may have landed. */
export async function requeueJob(
  db: Database,
  job: Job,
  input: { dueAt: Date; reason: string; verifyBeforeSend: boolean; keepAccount: boolean },
): Promise<void> {
  await db
    .update(sendJobs)
    .set({
      status: 'queued',
      statusReason: input.reason,
      dueAt: input.dueAt,
      leaseUntil: null,
      claimedBy: null,
      verifyBeforeSend: input.verifyBeforeSend || job.verifyBeforeSend,
      // A first message not yet sent may move to another account; a follow-up stays in its thread's account.
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
