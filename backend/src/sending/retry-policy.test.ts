import { describe, expect, it } from 'vitest';
import { AccountNeedsReconnectError } from '../accounts/account-client';
import { TokenDecryptionError } from '../crypto/token-cipher';
import { classifySendError } from './classify-send-error';
import { backoffMs, decideRetry, FINAL_CHECKS, MAX_ATTEMPTS, type RetryDecision } from './retry-policy';

/** What Google's client throws: a GaxiosError carries the status, Gmail's reason and the answer's headers. */
function gmailError(status: number, reason: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(reason), {
    status,
    response: { status, data: { error: { code: status, errors: [{ reason }] } }, headers: new Headers(headers) },
  });
}
/** No HTTP answer at all: the connection dropped or timed out. */
const dropped = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

const firstMessage = { attempts: 1, step: 0, verifyBeforeSend: false };
const followUp = { attempts: 1, step: 1, verifyBeforeSend: false };
const lastAttempt = { attempts: MAX_ATTEMPTS, step: 0, verifyBeforeSend: false };
const backoff = backoffMs(1, () => 0.5);

const decide = (error: unknown, job: typeof firstMessage, canReadMailbox = true) =>
  decideRetry(classifySendError(error), job, { canReadMailbox, random: () => 0.5 });

type Row = [string, unknown, typeof firstMessage, boolean, Partial<RetryDecision>];

describe('the retry policy', () => {
  const table: Row[] = [
    [
      '429 rateLimitExceeded with Retry-After cools the account down that long; the first message may go from another account',
      gmailError(429, 'rateLimitExceeded', { 'retry-after': '120' }),
      firstMessage,
      true,
      { action: 'retry', dueInMs: 0, coolDownAccountMs: 120_000, keepAccount: false, verifyBeforeSend: false, countsAsAttempt: false },
    ],
    [
      '429 without Retry-After cools the account down a minute',
      gmailError(429, 'userRateLimitExceeded'),
      firstMessage,
      true,
      { action: 'retry', coolDownAccountMs: 60_000, countsAsAttempt: false },
    ],
    [
      "403 dailyLimitExceeded is a rate limit too, and a follow-up waits for its own thread's account",
      gmailError(403, 'dailyLimitExceeded'),
      followUp,
      true,
      { action: 'retry', coolDownAccountMs: 60_000, keepAccount: true, countsAsAttempt: false },
    ],
    [
      'a lost authorisation retries at once without counting an attempt; the account is not cooled down',
      new AccountNeedsReconnectError('acc_1', 'sender@example.com'),
      firstMessage,
      true,
      { action: 'retry', dueInMs: 0, keepAccount: false, countsAsAttempt: false },
    ],
    [
      'tokens the server cannot decrypt pause the campaign, keeping the message where it was',
      new TokenDecryptionError('bad key'),
      firstMessage,
      true,
      { action: 'retry', dueInMs: 0, keepAccount: true, pausesCampaign: true },
    ],
    [
      '401 refused authorisation was never delivered: back off, no mailbox check, free to move',
      gmailError(401, 'authError'),
      firstMessage,
      true,
      { action: 'retry', dueInMs: backoff, verifyBeforeSend: false, keepAccount: false, countsAsAttempt: true },
    ],
    [
      '503 may have been delivered: back off, then check the same mailbox before sending again',
      gmailError(503, 'backendError'),
      firstMessage,
      true,
      { action: 'retry', dueInMs: backoff, verifyBeforeSend: true, keepAccount: true, countsAsAttempt: true },
    ],
    [
      'a dropped connection may have been delivered, like a 5xx',
      dropped,
      firstMessage,
      true,
      { action: 'retry', verifyBeforeSend: true, keepAccount: true },
    ],
    [
      '400 invalidArgument fails the recipient at once',
      gmailError(400, 'invalidArgument'),
      firstMessage,
      true,
      { action: 'give-up', status: 'failed', failsRecipient: true, reason: 'Gmail refused the message: the recipient address is not valid.' },
    ],
    [
      'past the last attempt, a message that may be delivered gets a final mailbox check',
      gmailError(500, 'backendError'),
      lastAttempt,
      true,
      { action: 'retry', verifyBeforeSend: true, keepAccount: true, reason: expect.stringMatching(/Checking the mailbox before giving up\.$/) },
    ],
    [
      'past the last attempt, a mailbox that cannot be read leaves the message uncertain (the recipient is not failed)',
      gmailError(500, 'backendError'),
      lastAttempt,
      false,
      { action: 'give-up', status: 'uncertain', failsRecipient: false, reason: expect.stringMatching(/^Gave up after 6 attempts: /) },
    ],
    [
      'past the last attempt, a message surely never delivered fails the recipient',
      gmailError(401, 'authError'),
      lastAttempt,
      true,
      { action: 'give-up', status: 'failed', failsRecipient: true },
    ],
    [
      'after the final checks, a message that may be delivered is left uncertain',
      gmailError(503, 'backendError'),
      { attempts: MAX_ATTEMPTS + FINAL_CHECKS, step: 0, verifyBeforeSend: true },
      true,
      { action: 'give-up', status: 'uncertain', failsRecipient: false },
    ],
  ];

  it.each(table)('%s', (_name, error, job, canReadMailbox, expected) => {
    expect(decide(error, job, canReadMailbox)).toMatchObject(expected);
  });

  it('cools the account down and pauses the campaign only for the failures that call for it', () => {
    const effects = (error: unknown) => {
      const decision = decide(error, firstMessage);
      return decision.action === 'retry' ? [decision.coolDownAccountMs !== undefined, decision.pausesCampaign === true] : 'gives up';
    };
    expect(effects(gmailError(429, 'rateLimitExceeded'))).toEqual([true, false]);
    expect(effects(new AccountNeedsReconnectError('acc_1', 'sender@example.com'))).toEqual([false, false]);
    expect(effects(new TokenDecryptionError('bad key'))).toEqual([false, true]);
    expect(effects(gmailError(503, 'backendError'))).toEqual([false, false]);
    expect(effects(gmailError(404, 'notFound'))).toBe('gives up');
  });
});

describe('backoffMs', () => {
  it('doubles from 15–30 s and stops growing at 30 minutes', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, () => 0))).toEqual([15_000, 30_000, 60_000]);
    expect(backoffMs(1, () => 0.999_999)).toBeLessThanOrEqual(30_000);
    expect(backoffMs(20, () => 0)).toBe(15 * 60_000);
    expect(backoffMs(20, () => 0.999_999)).toBeLessThanOrEqual(30 * 60_000);
  });
});
