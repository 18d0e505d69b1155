import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { analyticsVariants, sendJobs } from '../db/schema';
import { claimNextJob } from '../sending/claims';
import { DEFAULT_LEASE_MS } from '../sending/engine-deps';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

/**
 * The A/B counters (analytics_variants, kept by migration 0012's triggers) through Gmail failures:
 * a message counts for its variant once, when its job turns 'sent', however many attempts it took
 * (refused and requeued, or delivered with the answer lost and then found in the mailbox), and a
 * job left 'uncertain' counts only once it is known to be sent.
 */

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const HOUR = 3_600_000;
const VARIANTS = [
  { subject: 'Plain subject', html: '<p>Version A <a href="https://a.test/">a</a></p>' },
  { subject: 'Curious subject', html: '<p>Version B <a href="https://b.test/">b</a></p>' },
];
const FOLLOW_UP = {
  delayHours: 1,
  subject: null,
  html: '<p>Nudge one</p>',
  condition: 'always',
  variants: [
    { subject: null, html: '<p>Nudge one</p>' },
    { subject: null, html: '<p>Nudge two</p>' },
  ],
};
const people = [{ email: 'p0@example.com' }, { email: 'p1@example.com' }];

/** A connected mailbox with no gaps, and sandbox limits high enough that only the injected faults refuse sends. */
async function opened(mailbox: string, accountQuery = 'timezone=UTC') {
  const s = await sendingScenario({ accounts: [mailbox], accountQuery });
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  await s.t.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 });
  return s;
}

/** Gmail refuses the next send (503, nothing stored), then stores the one after and loses its answer (500). */
async function refuseOnceThenLoseAnAnswer(s: SendingScenario) {
  await s.t.control('POST', '/faults', { operation: 'send', status: 503, reason: 'backendError', count: 1 });
  await s.t.control('POST', '/faults', { operation: 'send', status: 500, reason: 'backendError', afterSend: true, count: 1 });
}

const jobsOf = (s: SendingScenario, id: string, step: number) =>
  s.t.db.select().from(sendJobs).where(and(eq(sendJobs.campaignId, id), eq(sendJobs.step, step))).orderBy(asc(sendJobs.recipientId));

/** analytics_variants of a step as [variant, sent, tracked, lastSentAt ms]. */
async function counted(s: SendingScenario, id: string, step: number) {
  const rows = await s.t.db
    .select()
    .from(analyticsVariants)
    .where(and(eq(analyticsVariants.campaignId, id), eq(analyticsVariants.step, step)))
    .orderBy(asc(analyticsVariants.variant));
  return rows.filter((row) => row.sent !== 0 || row.tracked !== 0).map((row) => [row.variant, row.sent, row.tracked, row.lastSentAt?.getTime() ?? null]);
}

/** Ticks 30 s apart (past the first back-off, 15–30 s) until every job of `step` is sent. */
async function untilStepSent(s: SendingScenario, id: string, step: number) {
  for (let ticks = 0; ticks < 20; ticks++) {
    s.t.clock.advance(30_000);
    await s.tick();
    if ((await jobsOf(s, id, step)).every((job) => job.status === 'sent')) return;
  }
  throw new Error(`step ${step} of ${id} not sent after 20 ticks`);
}

describe('A/B counters through retries', () => {
  it('counts a first message and a follow-up once for their variant, after a refusal and after a lost answer found in the mailbox', async () => {
    const mailbox = 'retry@work.example';
    const s = await opened(mailbox);
    const id = await s.launch({ subject: VARIANTS[0]!.subject, html: VARIANTS[0]!.html, variants: VARIANTS, followUps: [FOLLOW_UP], schedule: ALWAYS_OPEN }, people);

    for (const step of [0, 1]) {
      if (step === 1) s.t.clock.advance(HOUR);
      await refuseOnceThenLoseAnAnswer(s);
      const failing = await s.tick();
      expect(failing.attempts.map((a) => a.result.status)).toEqual(['retry', 'retry']);
      // A failed attempt counts for nothing. After a 5xx Gmail may hold the message, so both are looked
      // for before any resend: one is found (its answer was lost), the other is sent again.
      expect(await counted(s, id, step)).toEqual([]);
      expect((await jobsOf(s, id, step)).map((job) => [job.status, job.verifyBeforeSend])).toEqual([
        ['queued', true],
        ['queued', true],
      ]);

      await untilStepSent(s, id, step);
      const jobs = await jobsOf(s, id, step);
      // Person k has split key k: variant k mod 2, on the first message (written at launch) and the follow-up (at send).
      expect(jobs.map((job) => [job.splitKey, job.variant, job.status, job.attempts])).toEqual([
        [0, 0, 'sent', 2],
        [1, 1, 'sent', 2],
      ]);
      expect(await counted(s, id, step)).toEqual(jobs.map((job) => [job.variant, 1, 1, job.sentAt!.getTime()]));
    }

    const copies = await s.sentCopies([mailbox]);
    expect(copies.size).toBe(4);
    expect([...copies.values()]).toEqual([1, 1, 1, 1]);
  });

  it('leaves an uncertain message out of its variant, and counts it once when its job turns sent', async () => {
    const mailbox = 'sendonly@work.example';
    // Send-only: a lost answer cannot be checked for in the mailbox, so the message ends 'uncertain'.
    const s = await opened(mailbox, 'timezone=UTC&detectReplies=false');
    await s.t.control('POST', '/faults', { operation: 'send', status: 500, reason: 'backendError', afterSend: true, count: 1 });
    const id = await s.launch({ subject: VARIANTS[0]!.subject, html: VARIANTS[0]!.html, variants: VARIANTS, schedule: ALWAYS_OPEN }, people);
    await s.untilCompleted(id, { advanceMs: 60_000, maxTicks: 10 });

    const [uncertain, sent] = await jobsOf(s, id, 0);
    expect([uncertain!.status, uncertain!.variant, sent!.status, sent!.variant]).toEqual(['uncertain', 0, 'sent', 1]);
    expect(await counted(s, id, 0)).toEqual([[1, 1, 1, sent!.sentAt!.getTime()]]);
    // Gmail did store it (the lost answer came after the send).
    expect((await s.sentCopies([mailbox])).get(uncertain!.messageId)).toBe(1);

    // Found in the Sent folder later: its job turns 'sent' (what any resolution writes), and counts once, tracked included.
    const foundAt = s.t.clock.now().getTime() + 5 * 60_000;
    const markSent = () =>
      s.t.db.run(sql`UPDATE send_jobs SET status = 'sent', status_reason = NULL, sent_at = ${foundAt} WHERE id = ${uncertain!.id}`);
    await markSent();
    expect(await counted(s, id, 0)).toEqual([
      [0, 1, 1, foundAt],
      [1, 1, 1, sent!.sentAt!.getTime()],
    ]);
    // Written again (a second scheduler, a repeated request): still once.
    await markSent();
    expect(await counted(s, id, 0)).toEqual([
      [0, 1, 1, foundAt],
      [1, 1, 1, sent!.sentAt!.getTime()],
    ]);
  });

  it('waits for a test message a dead scheduler held, counts it once when found in the mailbox, and decides an hour after that', async () => {
    const mailbox = 'crash@work.example';
    const s = await opened(mailbox);
    const abTest = { metric: 'replies', testPercent: 50, waitHours: 1 };
    const four = [...people, { email: 'p2@example.com' }, { email: 'p3@example.com' }];
    const id = await s.launch({ subject: VARIANTS[0]!.subject, html: VARIANTS[0]!.html, variants: VARIANTS, abTest, schedule: ALWAYS_OPEN }, four);
    // 50% of four: split keys 0 (A) and 2 (B) are the test, 1 and 3 are held.
    expect((await jobsOf(s, id, 0)).map((job) => job.variant)).toEqual([0, null, 1, null]);

    // A scheduler claims the first test message, Gmail stores it, and the scheduler dies before recording it.
    const now = s.t.clock.now();
    const crashed = (await claimNextJob(s.t.db, { campaignId: id, accountId: s.accountIds[0]!, workerId: 'crashed', now, leaseUntil: new Date(now.getTime() + DEFAULT_LEASE_MS) }))!;
    expect(crashed.variant).toBe(0);
    const raw = `From: ${mailbox}\r\nTo: p0@example.com\r\nSubject: ${VARIANTS[0]!.subject}\r\nMessage-ID: ${crashed.messageId}\r\n\r\nVersion A\r\n`;
    expect((await s.t.control('POST', `/mailboxes/${mailbox}/messages`, { text: raw, labelIds: ['SENT'] })).status).toBe(201);
    expect((await s.tick()).attempts.map((a) => a.result.status)).toEqual(['sent']);

    // An hour after B's test message: the lease is taken back and the message found, in the tick
    // that would have decided. The test was not over, so nothing is decided yet.
    s.t.clock.advance(HOUR);
    const recovering = await s.tick();
    expect(recovering.recovered).toBe(1);
    expect(recovering.abDecided).toEqual([]);
    expect(recovering.attempts).toEqual([expect.objectContaining({ jobId: crashed.id, result: { status: 'sent' } })]);
    const foundAt = s.t.clock.now().getTime();
    expect((await counted(s, id, 0)).map(([variant, sent, , at]) => [variant, sent, at])).toEqual([
      [0, 1, foundAt],
      [1, 1, foundAt - HOUR],
    ]);

    // The wait runs from the last test message recorded: decided an hour after it, on one message each.
    s.t.clock.advance(HOUR - 1);
    expect((await s.tick()).abDecided).toEqual([]);
    s.t.clock.advance(1);
    const deciding = await s.tick();
    expect(deciding.abDecided).toEqual([id]);
    expect((await s.campaign(id)).abDecision).toMatchObject({ outcome: 'too-few', variants: [{ index: 0, sent: 1 }, { index: 1, sent: 1 }] });
    expect((await jobsOf(s, id, 0)).map((job) => [job.status, job.variant])).toEqual([
      ['sent', 0],
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    const copies = await s.sentCopies([mailbox]);
    expect([...copies.values()]).toEqual([1, 1, 1, 1]);
  });
});
