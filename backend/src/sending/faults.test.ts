import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sendJobs } from '../db/schema';
import { seededRandom } from '../lib/seeded-random';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';

const scenario = closedAfterEach(sendingScenario);

const recipients = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } }));
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

/**
 * Zero gaps in the app, and sandbox limits high enough that only the injected faults refuse sends (the
 * sandbox counts quota units on the real clock here, while the engine's minutes are the fake clock's).
 */
async function unthrottled(s: SendingScenario, mailboxes: string[]) {
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 });
  for (const mailbox of mailboxes) await s.t.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 });
}

async function jobsOf(s: SendingScenario, campaignId: string) {
  return s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, campaignId));
}

describe('sending through Gmail failures', () => {
  it('delivers every message exactly once through 30% 429/500/503 and lost answers, checking the mailbox before any resend', async () => {
    const mailboxes = ['one@work.example', 'two@work.example'];
    // FAULT_SEED=n explores other fault sequences (some end with a message that gave up after 6 attempts: failed, never uncertain).
    const s = await scenario({ accounts: mailboxes, sandboxRandom: seededRandom(Number(process.env.FAULT_SEED ?? 7)) });
    await unthrottled(s, mailboxes);
    // Gmail stored these, then the answer was lost: only a mailbox search can tell.
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, reason: 'backendError', afterSend: true, rate: 0.1, count: 8 });
    // About 30% of the remaining calls fail: 1 - 0.9 × 0.889 × 0.875 ≈ 0.30.
    await s.t.control('POST', '/faults', { operation: 'send', status: 429, reason: 'rateLimitExceeded', rate: 0.1 });
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, reason: 'backendError', rate: 0.111 });
    await s.t.control('POST', '/faults', { operation: 'send', status: 503, reason: 'backendError', rate: 0.125 });

    const n = 60;
    const id = await s.launch(
      { subject: 'Hello {{Name}}', html: '<p>Hi {{Name}}</p>', schedule: ALWAYS_OPEN, followUps: [{ delayHours: 0, html: '<p>Again</p>', condition: 'always' }] },
      recipients(n),
    );
    // Ticks 30 s apart: past the back-offs (15 s and up) and the 60 s rate-limit cooldowns.
    await s.untilCompleted(id, { advanceMs: 30_000, maxTicks: 3000 });

    const { body: faults } = await s.t.control('GET', '/faults');
    const left = faults as { afterSend?: boolean; hits: number }[];
    // The faults did happen: all 8 lost answers (that fault is gone once used up) and dozens of refusals.
    expect(left.some((fault) => fault.afterSend)).toBe(false);
    expect(left.reduce((sum, fault) => sum + fault.hits, 0)).toBeGreaterThan(20);

    const jobs = await jobsOf(s, id);
    expect(jobs).toHaveLength(2 * n);
    expect(jobs.filter((job) => job.status !== 'sent').map((job) => [job.status, job.statusReason])).toEqual([]);
    const copies = await s.sentCopies(mailboxes);
    expect(copies.size).toBe(2 * n);
    for (const job of jobs) expect(copies.get(job.messageId), job.messageId).toBe(1);
    // A lost answer was found in the mailbox rather than sent again.
    expect(jobs.filter((job) => job.attempts > 1).length).toBeGreaterThan(0);
    expect((await s.campaign(id)).counts).toMatchObject({ total: n, sent: n, failed: 0, pending: 0 });
  });

  it('records a message whose answer was lost as sent after finding it in the mailbox', async () => {
    const s = await scenario({ accounts: ['reader@work.example'] });
    await unthrottled(s, ['reader@work.example']);
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 1 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(1));
    expect((await s.tick()).attempts.map((a) => a.result.status)).toEqual(['retry']);
    const [flagged] = await jobsOf(s, id);
    expect(flagged).toMatchObject({ status: 'queued', verifyBeforeSend: true, accountId: s.accountIds[0] });
    s.t.clock.advance(31_000);
    expect((await s.tick()).attempts.map((a) => a.result.status)).toEqual(['sent']);
    const [job] = await jobsOf(s, id);
    expect(job).toMatchObject({ status: 'sent', attempts: 2, verifyBeforeSend: false });
    expect([...(await s.sentCopies(['reader@work.example'])).values()]).toEqual([1]);
  });

  it('marks a possibly delivered message uncertain, never resending it, when the account cannot read its mailbox', async () => {
    const s = await scenario({ accounts: ['sendonly@work.example'], accountQuery: 'timezone=UTC&detectReplies=false' });
    await unthrottled(s, ['sendonly@work.example']);
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 1 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(3));
    await s.untilCompleted(id, { advanceMs: 60_000, maxTicks: 20 });

    const jobs = await jobsOf(s, id);
    expect(jobs.map((job) => job.status).sort()).toEqual(['sent', 'sent', 'uncertain']);
    expect(jobs.find((job) => job.status === 'uncertain')?.statusReason).toMatch(/cannot check/);
    const copies = await s.sentCopies(['sendonly@work.example']);
    // Three messages, one copy each: the uncertain one did reach Gmail, and was not sent twice.
    expect([...copies.values()]).toEqual([1, 1, 1]);
    for (const job of jobs) expect(copies.get(job.messageId)).toBe(1);
  });

  it('after the last attempt, looks in the mailbox once more instead of leaving the message uncertain', async () => {
    const s = await scenario({ accounts: ['tired@work.example'] });
    await unthrottled(s, ['tired@work.example']);
    // Recipient 0: six 5xx answers, none of them stored. Recipient 1: five, then one stored with the answer lost.
    await s.t.control('POST', '/faults', { operation: 'send', status: 503, count: 11 });
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 1 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(2));
    await s.untilCompleted(id, { advanceMs: 10 * 60_000, maxTicks: 100 });

    const jobs = (await jobsOf(s, id)).sort((a, b) => a.recipientId - b.recipientId);
    const copies = await s.sentCopies(['tired@work.example']);
    expect(jobs.map((job) => job.status).sort()).toEqual(['failed', 'sent']);
    const failed = jobs.find((job) => job.status === 'failed')!;
    const sent = jobs.find((job) => job.status === 'sent')!;
    expect(failed.statusReason).toMatch(/never delivered/);
    expect(copies.get(failed.messageId)).toBeUndefined();
    expect(copies.get(sent.messageId)).toBe(1);
  });

  it('does not count 429 refusals as attempts: a patient account still delivers', async () => {
    const s = await scenario({ accounts: ['busy@work.example'] });
    await unthrottled(s, ['busy@work.example']);
    await s.t.control('POST', '/faults', { operation: 'send', status: 429, reason: 'rateLimitExceeded', retryAfterSeconds: 5, count: 8 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(1));
    const ticks = await s.untilCompleted(id, { advanceMs: 5_000, maxTicks: 20 });
    expect(ticks).toBe(9);
    const [job] = await jobsOf(s, id);
    expect(job).toMatchObject({ status: 'sent', attempts: 1 });
    expect([...(await s.sentCopies(['busy@work.example'])).values()]).toEqual([1]);
  });

  it('gives up on a message Gmail keeps refusing with a 4xx, and says why', async () => {
    const s = await scenario({ accounts: ['strict@work.example'] });
    await unthrottled(s, ['strict@work.example']);
    await s.t.control('POST', '/faults', { operation: 'send', status: 400, reason: 'invalidArgument', count: 1 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(2));
    await s.untilCompleted(id, { maxTicks: 5 });
    const jobs = await jobsOf(s, id);
    expect(jobs.map((job) => job.status).sort()).toEqual(['failed', 'sent']);
    expect((await s.campaign(id)).counts).toMatchObject({ sent: 1, failed: 1 });
  });
});
