import { and, desc, eq, inArray } from 'drizzle-orm';
import { gmailAccounts, sendJobs } from '../db/schema';
import type { AccountRow } from '../accounts/account-store';
import type { CampaignRow } from '../campaigns/campaign-store';
import { backoffMs, FINAL_CHECKS, MAX_ATTEMPTS } from './classify-send-error';
import { canReadMailbox, type DeliveryOutcome } from './deliver-job';
import type { EngineDeps } from './engine-deps';
import { pauseWithReason } from './campaign-progress';
import { finishJobUnsent, recordDelivered, requeueJob, skipStep } from './record-outcome';
import type { ClaimedJob } from './claims';

type Job = ClaimedJob;

export { MAX_ATTEMPTS };
const RATE_LIMIT_COOLDOWN_MS = 60_000;
/** Of the campaign's last N finished messages, this many failing pauses it. */
const HEALTH_WINDOW = 10;
const HEALTH_FAILURES = 7;

export type HandledOutcome = { status: 'sent' | 'skipped' | 'uncertain' | 'failed' | 'retry'; reason?: string };

/** Writes down what happened to one claimed job, and what it means for the account and the campaign. */
export async function handleOutcome(
  deps: EngineDeps,
  input: { job: Job; campaign: CampaignRow; account: AccountRow; outcome: DeliveryOutcome; messageIdHost: string },
): Promise<HandledOutcome> {
  const { job, campaign, account, outcome } = input;
  const now = deps.clock.now();
  const db = deps.db;
  switch (outcome.kind) {
    case 'sent':
      await recordDelivered(db, {
        job,
        campaign,
        accountId: account.id,
        sentAt: now,
        gmailMessageId: outcome.gmailMessageId,
        gmailThreadId: outcome.gmailThreadId,
        links: outcome.links,
        messageIdHost: input.messageIdHost,
      });
      return { status: 'sent' };
    case 'skip':
      if (outcome.endsSequence === false) {
        await skipStep(db, { job, campaign, reason: outcome.reason, at: now, messageIdHost: input.messageIdHost });
      } else {
        await finishJobUnsent(db, job, 'skipped', outcome.reason);
      }
      return { status: 'skipped', reason: outcome.reason };
    case 'uncertain':
      await finishJobUnsent(db, job, 'uncertain', outcome.reason);
      return { status: 'uncertain', reason: outcome.reason };
  }
  const failure = outcome.failure;
  switch (failure.kind) {
    case 'rate-limited': {
      const until = new Date(now.getTime() + (failure.retryAfterMs ?? RATE_LIMIT_COOLDOWN_MS));
      await db.update(gmailAccounts).set({ cooldownUntil: until }).where(eq(gmailAccounts.id, account.id));
      // Gmail refused it: nothing was delivered, and another account of the campaign may take a first message.
      // A refusal to even try is no attempt at the message: it does not count towards MAX_ATTEMPTS.
      await requeueJob(db, job, { dueAt: now, reason: failure.message, verifyBeforeSend: false, keepAccount: job.step > 0 || job.verifyBeforeSend, notAnAttempt: true });
      return { status: 'retry', reason: failure.message };
    }
    case 'reconnect':
      await requeueJob(db, job, { dueAt: now, reason: failure.message, verifyBeforeSend: false, keepAccount: job.step > 0 || job.verifyBeforeSend, notAnAttempt: true });
      return { status: 'retry', reason: failure.message };
    case 'configuration':
      await requeueJob(db, job, { dueAt: now, reason: failure.message, verifyBeforeSend: false, keepAccount: true });
      await pauseWithReason(db, campaign, failure.message, now);
      return { status: 'retry', reason: failure.message };
    case 'retry': {
      if (job.attempts >= MAX_ATTEMPTS) {
        const maybeDelivered = failure.maybeDelivered || job.verifyBeforeSend;
        // One more look in the mailbox settles it when we may read it (deliverJob then sends nothing).
        if (maybeDelivered && canReadMailbox(account) && job.attempts < MAX_ATTEMPTS + FINAL_CHECKS) {
          await requeueJob(db, job, {
            dueAt: new Date(now.getTime() + backoffMs(job.attempts, deps.random)),
            reason: `${failure.message} Checking the mailbox before giving up.`,
            verifyBeforeSend: true,
            keepAccount: true,
          });
          return { status: 'retry', reason: failure.message };
        }
        const status = maybeDelivered ? 'uncertain' : 'failed';
        const reason = `Gave up after ${job.attempts} attempts: ${failure.message}`;
        await finishJobUnsent(db, job, status, reason, status === 'failed' ? 'failed' : undefined);
        await pauseIfUnhealthy(deps, campaign, reason);
        return { status, reason };
      }
      // A possibly delivered message is checked for in the same mailbox before any new attempt.
      await requeueJob(db, job, {
        dueAt: new Date(now.getTime() + backoffMs(job.attempts, deps.random)),
        reason: failure.message,
        verifyBeforeSend: failure.maybeDelivered,
        keepAccount: failure.maybeDelivered || job.step > 0 || job.verifyBeforeSend,
      });
      return { status: 'retry', reason: failure.message };
    }
    case 'permanent':
      await finishJobUnsent(db, job, 'failed', failure.message, 'failed');
      await pauseIfUnhealthy(deps, campaign, failure.message);
      return { status: 'failed', reason: failure.message };
  }
}

/** Many failures in a row usually mean something is wrong with the list or the account: stop and say so. */
async function pauseIfUnhealthy(deps: EngineDeps, campaign: CampaignRow, lastReason: string) {
  const recent = await deps.db
    .select({ status: sendJobs.status })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaign.id), inArray(sendJobs.status, ['sent', 'failed'])))
    .orderBy(desc(sendJobs.id))
    .limit(HEALTH_WINDOW);
  const failures = recent.filter((row) => row.status === 'failed').length;
  if (recent.length >= HEALTH_WINDOW && failures >= HEALTH_FAILURES) {
    await pauseWithReason(
      deps.db,
      campaign,
      `Paused by iConnect: ${failures} of the last ${HEALTH_WINDOW} messages failed (latest: ${lastReason}). Check the list and the account, then resume.`,
      deps.clock.now(),
    );
  }
}
