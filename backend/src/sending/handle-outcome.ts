import { eq } from 'drizzle-orm';
import { gmailAccounts } from '../db/schema';
import type { AccountRow } from '../accounts/account-store';
import { pauseWithReason } from '../campaigns/campaign-state-machine';
import type { CampaignRow } from '../campaigns/campaign-store';
import { canReadMailbox } from '../gmail/scopes';
import { pauseIfUnhealthy } from './campaign-health';
import type { DeliveryOutcome } from './deliver-job';
import type { EngineDeps } from './engine-deps';
import { finishJobUnsent, recordDelivered, requeueJob, skipStep } from './record-outcome';
import { decideRetry } from './retry-policy';
import type { ClaimedJob } from './claims';

type Job = ClaimedJob;

export type HandledOutcome = { status: 'sent' | 'skipped' | 'uncertain' | 'failed' | 'retry'; reason?: string };

/**
 * Writes down what happened to one claimed job, and what it means for the account and the
 * campaign. What a failure leads to is decided by the retry policy (retry-policy.ts); this applies it.
 */
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
        linkOffset: outcome.linkOffset,
        tracked: outcome.tracked,
        variant: outcome.variant,
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
    case 'wait':
      // Not an attempt: nothing went to Gmail, the follow-up only waits (out of office, soft bounce).
      await requeueJob(db, job, { dueAt: outcome.until, reason: outcome.reason, verifyBeforeSend: false, keepAccount: true, notAnAttempt: true });
      return { status: 'retry', reason: outcome.reason };
  }
  const failure = outcome.failure;
  const decision = decideRetry(failure, job, { canReadMailbox: canReadMailbox(account), random: deps.random });
  if (decision.action === 'give-up') {
    await finishJobUnsent(db, job, decision.status, decision.reason, decision.failsRecipient ? 'failed' : undefined);
    await pauseIfUnhealthy(db, campaign, decision.reason, deps.clock.now());
    return { status: decision.status, reason: decision.reason };
  }
  if (decision.coolDownAccountMs !== undefined) {
    await db.update(gmailAccounts).set({ cooldownUntil: new Date(now.getTime() + decision.coolDownAccountMs) }).where(eq(gmailAccounts.id, account.id));
  }
  await requeueJob(db, job, {
    dueAt: new Date(now.getTime() + decision.dueInMs),
    reason: decision.reason,
    verifyBeforeSend: decision.verifyBeforeSend,
    keepAccount: decision.keepAccount,
    ...(decision.countsAsAttempt ? {} : { notAnAttempt: true }),
  });
  if (decision.pausesCampaign) await pauseWithReason(db, campaign, failure.message, now);
  return { status: 'retry', reason: failure.message };
}
