import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SKIP_REASONS, suppressedReason } from '../../../shared/schemas/skip-reasons';
import { recipients as recipientsTable, sendJobs, trackingEvents } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';

const opened = closedAfterEach(sendingScenario);

const MAILBOXES = ['one@work.example', 'two@work.example'];
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const HOUR = 3_600_000;
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } }));

/**
 * Both mailboxes with no gap between sends, and a campaign launched to `count` people, always in
 * its window, with these follow-ups.
 */
async function launchSequence(followUps: Record<string, unknown>[], count: number, first = { subject: 'Hello', html: '<p>Hi</p>' }) {
  const s = await opened({ accounts: MAILBOXES });
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ ...first, schedule: ALWAYS_OPEN, followUps }, people(count));
  return { s, id };
}

/** Every message the senders' mailboxes hold, by our Message-ID, with the mailbox it left from. */
async function sentByMessageId(s: SendingScenario) {
  const byId = new Map<string, Awaited<ReturnType<SendingScenario['mailbox']>>[number] & { mailbox: string }>();
  for (const mailbox of MAILBOXES) {
    for (const message of await s.mailbox(mailbox)) {
      const id = message.parsed.messageId ?? '(none)';
      expect(byId.has(id), `${id} sent twice`).toBe(false);
      byId.set(id, { ...message, mailbox });
    }
  }
  return byId;
}

async function jobsOf(s: SendingScenario, campaignId: string) {
  const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, campaignId));
  const recipients = await s.t.db.select().from(recipientsTable).where(eq(recipientsTable.campaignId, campaignId));
  const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
  return jobs.map((job) => ({ ...job, email: emailOf.get(job.recipientId)! }));
}

const statuses = (report: Awaited<ReturnType<SendingScenario['tick']>>) => report.attempts.map((a) => a.result.status).sort();

describe('follow-ups', () => {
  it('sends each follow-up when due, from the same account, in the same Gmail thread, replying to the previous message', async () => {
    const { s, id } = await launchSequence(
      [
        { delayHours: 48, html: '<p>Bumping this</p>', condition: 'no_reply' },
        { delayHours: 72, subject: null, html: '<p>Last note</p>', condition: 'always' },
      ],
      4,
      { subject: 'Plans for {{Name}}', html: '<p>Hi {{Name}}</p>' },
    );
    expect(statuses(await s.tick())).toEqual(['sent', 'sent', 'sent', 'sent']);

    s.t.clock.advance(48 * HOUR - 60_000);
    expect((await s.tick()).attempts).toEqual([]);
    s.t.clock.advance(60_000);
    expect(statuses(await s.tick())).toEqual(['sent', 'sent', 'sent', 'sent']);
    s.t.clock.advance(72 * HOUR - 60_000);
    expect((await s.tick()).attempts).toEqual([]);
    s.t.clock.advance(60_000);
    const last = await s.tick();
    expect(statuses(last)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(last.completed).toEqual([id]);

    const sent = await sentByMessageId(s);
    const jobs = await jobsOf(s, id);
    expect(sent.size).toBe(12);
    // Rotation spread the first messages over both accounts, so "same account" means something.
    expect(new Set(jobs.filter((j) => j.step === 0).map((j) => j.accountId)).size).toBe(2);
    for (let i = 0; i < 4; i++) {
      const steps = [0, 1, 2].map((step) => jobs.find((j) => j.email === `person${i}@example.com` && j.step === step)!);
      const [first, second, third] = steps.map((job) => sent.get(job.messageId)!);
      expect(new Set(steps.map((job) => job.accountId)).size).toBe(1);
      expect(second!.mailbox).toBe(first!.mailbox);
      expect(third!.mailbox).toBe(first!.mailbox);
      expect(second!.threadId).toBe(first!.threadId);
      expect(third!.threadId).toBe(first!.threadId);
      expect(first!.parsed.subject).toBe(`Plans for P${i}`);
      expect(second!.parsed.subject).toBe(`Re: Plans for P${i}`);
      expect(third!.parsed.subject).toBe(`Re: Plans for P${i}`);
      expect(second!.parsed.inReplyTo).toBe(steps[0]!.messageId);
      expect(second!.parsed.references).toBe(steps[0]!.messageId);
      expect(third!.parsed.inReplyTo).toBe(steps[1]!.messageId);
      expect(third!.parsed.references?.split(/\s+/)).toEqual([steps[0]!.messageId, steps[1]!.messageId]);
      expect(second!.parsed.html).toContain('Bumping this');
      expect(steps[1]!.sentAt!.getTime() - steps[0]!.sentAt!.getTime()).toBe(48 * HOUR);
      expect(steps[2]!.sentAt!.getTime() - steps[1]!.sentAt!.getTime()).toBe(72 * HOUR);
    }
  });

  it('starts a new thread for a follow-up with its own subject', async () => {
    const { s, id } = await launchSequence(
      [{ delayHours: 0, subject: 'A different topic', html: '<p>New</p>', condition: 'always' }],
      1,
      { subject: 'First topic', html: '<p>Hi</p>' },
    );
    await s.untilCompleted(id, { maxTicks: 5 });
    const jobs = (await jobsOf(s, id)).sort((a, b) => a.step - b.step);
    const sent = await sentByMessageId(s);
    const [first, second] = jobs.map((job) => sent.get(job.messageId)!);
    expect(second!.mailbox).toBe(first!.mailbox);
    expect(second!.parsed.subject).toBe('A different topic');
    expect(second!.threadId).not.toBe(first!.threadId);
    expect(second!.parsed.inReplyTo).toBeUndefined();
    expect(second!.parsed.references).toBeUndefined();
  });

  it('sends no follow-up to a recipient who replied, unsubscribed, bounced or was suppressed since', async () => {
    const { s, id } = await launchSequence(
      [
        { delayHours: 48, html: '<p>Bump</p>', condition: 'no_reply' },
        { delayHours: 72, html: '<p>Last</p>', condition: 'always' },
      ],
      5,
    );
    expect(statuses(await s.tick())).toHaveLength(5);

    const setStatus = (email: string, status: 'replied' | 'unsubscribed' | 'bounced') =>
      s.t.db.update(recipientsTable).set({ status }).where(and(eq(recipientsTable.campaignId, id), eq(recipientsTable.email, email)));
    // TODO(replies): deliver a real reply into the sender's mailbox (sandbox POST /mailboxes/:email/messages)
    // once reply detection lands, instead of setting the status by hand.
    await setStatus('person1@example.com', 'replied');
    await setStatus('person2@example.com', 'unsubscribed');
    await setStatus('person3@example.com', 'bounced');
    expect((await s.agent.post('/api/suppressions', { email: 'person4@example.com', reason: 'manual' })).status).toBe(201);

    s.t.clock.advance(48 * HOUR);
    expect(statuses(await s.tick())).toEqual(['sent', 'skipped', 'skipped', 'skipped', 'skipped']);
    s.t.clock.advance(72 * HOUR);
    const last = await s.tick();
    expect(statuses(last)).toEqual(['sent']);
    expect(last.completed).toEqual([id]);

    const jobs = await jobsOf(s, id);
    const reasons = Object.fromEntries(jobs.filter((j) => j.step === 1).map((j) => [j.email, j.statusReason]));
    expect(reasons).toEqual({
      'person0@example.com': null,
      'person1@example.com': SKIP_REASONS.replied,
      'person2@example.com': SKIP_REASONS.unsubscribed,
      'person3@example.com': SKIP_REASONS.addressBounced,
      'person4@example.com': suppressedReason('manual'),
    });
    // A stopped sequence has no later step at all.
    expect(jobs.filter((j) => j.step === 2).map((j) => j.email)).toEqual(['person0@example.com']);
    expect((await sentByMessageId(s)).size).toBe(5 + 1 + 1);
  });

  it('skips a no_open follow-up for someone who opened, and still sends the next "always" step', async () => {
    const { s, id } = await launchSequence(
      [
        { delayHours: 24, html: '<p>Did you see this?</p>', condition: 'no_open' },
        { delayHours: 24, html: '<p>Last note</p>', condition: 'always' },
      ],
      2,
    );
    await s.tick();
    const [opener] = await s.t.db.select().from(recipientsTable).where(eq(recipientsTable.email, 'person0@example.com'));
    await s.t.db.insert(trackingEvents).values({ campaignId: id, recipientId: opener!.id, step: 0, kind: 'open', machine: false, occurredAt: s.t.clock.now() });

    s.t.clock.advance(24 * HOUR);
    expect(statuses(await s.tick())).toEqual(['sent', 'skipped']);
    s.t.clock.advance(24 * HOUR);
    expect(statuses(await s.tick())).toEqual(['sent', 'sent']);

    const jobs = await jobsOf(s, id);
    const openerSteps = jobs.filter((j) => j.email === 'person0@example.com').sort((a, b) => a.step - b.step);
    expect(openerSteps.map((j) => j.status)).toEqual(['sent', 'skipped', 'sent']);
    // The last step still replies to the message the person did get.
    const sent = await sentByMessageId(s);
    const last = sent.get(openerSteps[2]!.messageId)!;
    expect(last.threadId).toBe(sent.get(openerSteps[0]!.messageId)!.threadId);
    expect(last.parsed.inReplyTo).toBe(openerSteps[0]!.messageId);
    expect((await s.campaign(id)).status).toBe('completed');
  });
});
