import type { SendFailure } from './classify-send-error';
import type { ClaimedJob } from './claims';
import { staysWithAccount } from './rotation';

/**
 * The retry policy: what a failed send (classified by classify-send-error.ts) does next. Each
 * failure either goes back in the queue (possibly cooling the account down, possibly free to move
 * to another account, possibly flagged for a mailbox check first) or gives up, failing the
 * recipient when Gmail surely never had the message. A pure decision over the failure and the
 * job; handle-outcome.ts writes it down.
 *
 * The rule that shapes it: never send a message twice. A 4xx means Gmail did not take it; a 5xx, a
 * timeout or a dropped connection means it may have, so the next attempt looks in the same mailbox
 * first (Gmail's `messages.send` is not idempotent and the client does not retry it).
 */

/** After this many attempts a job stops retrying and says why. */
export const MAX_ATTEMPTS = 6;
/**
 * Past MAX_ATTEMPTS, an account that can read its mailbox gets this many verification-only
 * attempts: found is sent, not found is failed, and only a mailbox that cannot be read at all
 * leaves the message uncertain.
 */
export const FINAL_CHECKS = 3;
/** How long a 429 without Retry-After cools the account down. */
export const RATE_LIMIT_COOLDOWN_MS = 60_000;

export type RetryDecision =
  | {
      action: 'retry';
      /** From now; 0 means at once (for another account when `keepAccount` is false). */
      dueInMs: number;
      /** Shown on the job while it waits. */
      reason: string;
      verifyBeforeSend: boolean;
      /** False: the message may move to another of the campaign's accounts. */
      keepAccount: boolean;
      /** False when Gmail refused to even try (429, no authorisation): the claim's attempt is given back. */
      countsAsAttempt: boolean;
      /** Set: the account sends nothing more for this long. */
      coolDownAccountMs?: number;
      /** The campaign pauses with the failure's message: nothing can go out until the user acts. */
      pausesCampaign?: boolean;
    }
  | { action: 'give-up'; status: 'failed' | 'uncertain'; reason: string; failsRecipient: boolean };

/**
 * @example
 * decideRetry({ kind: 'retry', maybeDelivered: true, message: 'Gmail had a temporary problem (503)' }, job, { canReadMailbox: true, random: Math.random })
 * // { action: 'retry', verifyBeforeSend: true, keepAccount: true, dueInMs: <back-off>, ... }
 */
export function decideRetry(
  failure: SendFailure,
  job: Pick<ClaimedJob, 'attempts' | 'step' | 'verifyBeforeSend'>,
  context: { canReadMailbox: boolean; random: () => number },
): RetryDecision {
  switch (failure.kind) {
    case 'rate-limited':
      // Gmail refused it: nothing was delivered, and another account of the campaign may take a first message.
      // A refusal to even try is no attempt at the message: it does not count towards MAX_ATTEMPTS.
      return {
        action: 'retry',
        dueInMs: 0,
        reason: failure.message,
        verifyBeforeSend: false,
        keepAccount: staysWithAccount(job),
        countsAsAttempt: false,
        coolDownAccountMs: failure.retryAfterMs ?? RATE_LIMIT_COOLDOWN_MS,
      };
    case 'reconnect':
      return { action: 'retry', dueInMs: 0, reason: failure.message, verifyBeforeSend: false, keepAccount: staysWithAccount(job), countsAsAttempt: false };
    case 'configuration':
      return { action: 'retry', dueInMs: 0, reason: failure.message, verifyBeforeSend: false, keepAccount: true, countsAsAttempt: true, pausesCampaign: true };
    case 'retry': {
      if (job.attempts >= MAX_ATTEMPTS) {
        const maybeDelivered = failure.maybeDelivered || job.verifyBeforeSend;
        // One more look in the mailbox settles it when we may read it (deliverJob then sends nothing).
        if (maybeDelivered && context.canReadMailbox && job.attempts < MAX_ATTEMPTS + FINAL_CHECKS) {
          return {
            action: 'retry',
            dueInMs: backoffMs(job.attempts, context.random),
            reason: `${failure.message} Checking the mailbox before giving up.`,
            verifyBeforeSend: true,
            keepAccount: true,
            countsAsAttempt: true,
          };
        }
        const status = maybeDelivered ? 'uncertain' : 'failed';
        return { action: 'give-up', status, reason: `Gave up after ${job.attempts} attempts: ${failure.message}`, failsRecipient: status === 'failed' };
      }
      // A possibly delivered message is checked for in the same mailbox before any new attempt.
      return {
        action: 'retry',
        dueInMs: backoffMs(job.attempts, context.random),
        reason: failure.message,
        verifyBeforeSend: failure.maybeDelivered,
        keepAccount: failure.maybeDelivered || staysWithAccount(job),
        countsAsAttempt: true,
      };
    }
    case 'permanent':
      return { action: 'give-up', status: 'failed', reason: failure.message, failsRecipient: true };
  }
}

/**
 * Exponential back-off with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): half of the ceiling fixed, half random, so retries spread out yet never come at once;
 * capped at 30 minutes.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
