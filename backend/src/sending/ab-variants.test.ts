import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignProgressSchema } from '../../../shared/schemas/campaigns';
import type { AbTest, Variant } from '../../../shared/schemas/variants';
import { analyticsVariants, campaigns, jobLinks, recipients as recipientsTable, sendJobs } from '../db/schema';
import { plainMessage } from '../testing/incoming-mail';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { runSchedulerTick } from './tick';

/**
 * A/B variants through the real engine (issue 18): the split written at launch, each message built
 * from its job's variant (read back from the sandbox's MIME), the test share, the decision after the
 * wait and the release of the rest, follow-up variants in the first message's thread.
 */

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MAILBOX = 'sender@gmail.com';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const HOUR = 3_600_000;
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } }));

async function opened(accounts = [MAILBOX]) {
  const s = await sendingScenario({ accounts });
  scenarios.push(s);
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  for (const mailbox of accounts) await s.t.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 });
  return s;
}

type FollowUpRow = { delayHours: number; subject: string | null; html: string; condition: 'no_reply' | 'always'; variants?: { subject: string | null; html: string }[] };

/**
 * Creates a campaign, writes its variants as stored (variant A = its own subject and body), adds
 * `n` people in order (so person i has split key i) and launches it.
 */
async function launchWithVariants(s: SendingScenario, input: { variants: Variant[]; abTest?: AbTest; followUps?: FollowUpRow[]; n: number }) {
  const first = input.variants[0]!;
  const created = await s.agent.post('/api/campaigns', { name: 'A/B', accountIds: s.accountIds, subject: first.subject, html: first.html, schedule: ALWAYS_OPEN });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await s.t.db
    .update(campaigns)
    .set({ variants: input.variants, abTest: input.abTest ?? null, followUps: input.followUps ?? [] })
    .where(eq(campaigns.id, id));
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people(input.n) })).status).toBe(201);
  const launched = await s.agent.post(`/api/campaigns/${id}/launch`, {});
  expect(launched.status, await launched.clone().text()).toBe(200);
  return id;
}

/** Each person's job of `step` (index = person number = split key). */
async function jobsByPerson(s: SendingScenario, id: string, step: number) {
  const rows = await s.t.db
    .select({ job: sendJobs, email: recipientsTable.email })
    .from(sendJobs)
    .innerJoin(recipientsTable, eq(recipientsTable.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.campaignId, id), eq(sendJobs.step, step)))
    .orderBy(asc(sendJobs.recipientId));
  return new Map(rows.map((row) => [Number(/person(\d+)@/.exec(row.email)![1]), row.job]));
}

/** The messages the sender sent, by recipient, in sending order. */
async function sentTo(s: SendingScenario) {
  const byRecipient = new Map<string, Awaited<ReturnType<SendingScenario['mailbox']>>>();
  for (const message of await s.mailbox(MAILBOX)) {
    if (!message.labelIds.includes('SENT')) continue;
    const to = message.parsed.to![0]!.address!;
    byRecipient.set(to, [...(byRecipient.get(to) ?? []), message]);
  }
  return byRecipient;
}

const sentStatuses = (report: Awaited<ReturnType<SendingScenario['tick']>>) => report.attempts.filter((a) => a.result.status === 'sent').length;

const THREE: Variant[] = [
  { subject: 'Alpha for {{Name}}', html: '<p>Body A for {{Name}} <a href="https://a.test/1">a</a></p>' },
  { subject: 'Bravo for {{Name}}', html: '<p>Body B for {{Name}} <a href="https://b.test/1">b1</a> and https://b.test/2</p>' },
  { subject: 'Charlie for {{Name}}', html: '<p>Body C for {{Name}} <a href="https://c.test/1">c</a></p>' },
];

describe('A/B variants in the engine', () => {
  it('splits 30 recipients evenly over 3 variants and sends each the subject and body of its variant, through a restart', async () => {
    const s = await opened();
    const id = await launchWithVariants(s, { variants: THREE, n: 30 });
    const before = await jobsByPerson(s, id, 0);
    expect([...before.values()].map((job) => job.splitKey)).toEqual([...Array(30).keys()]);

    // Twelve go from this scheduler; a second one (a restart: its own caches, another worker) sends the rest.
    expect(sentStatuses(await s.tick(12))).toBe(12);
    const restarted = s.engine({ workerId: 'after-restart' });
    expect(sentStatuses(await runSchedulerTick(restarted))).toBe(18);

    const jobs = await jobsByPerson(s, id, 0);
    const sent = await sentTo(s);
    const letters = ['A', 'B', 'C'];
    for (let i = 0; i < 30; i++) {
      const job = jobs.get(i)!;
      expect(job).toMatchObject({ status: 'sent', variant: i % 3, splitKey: i });
      const [message] = sent.get(`person${i}@example.com`)!;
      expect(message!.parsed.subject).toBe(`${['Alpha', 'Bravo', 'Charlie'][i % 3]} for P${i}`);
      expect(message!.parsed.html).toContain(`Body ${letters[i % 3]} for P${i}`);
      // Variant A keeps its plain text as written (derived here too); B and C derive theirs from their own HTML.
      expect(message!.parsed.text).toContain(`Body ${letters[i % 3]} for P${i}`);
    }
    // A variant's links are numbered on after the earlier variants' (A has one, B two): one index names one link of the step.
    const linksOf = async (person: number) =>
      (await s.t.db.select().from(jobLinks).where(eq(jobLinks.jobId, jobs.get(person)!.id)).orderBy(asc(jobLinks.linkIndex))).map((l) => [l.linkIndex, l.url]);
    expect(await linksOf(0)).toEqual([[0, 'https://a.test/1']]);
    expect(await linksOf(1)).toEqual([[1, 'https://b.test/1'], [2, 'https://b.test/2']]);
    expect(await linksOf(2)).toEqual([[3, 'https://c.test/1']]);

    const counted = await s.t.db.select().from(analyticsVariants).where(eq(analyticsVariants.campaignId, id)).orderBy(asc(analyticsVariants.variant));
    expect(counted.map((row) => [row.step, row.variant, row.sent])).toEqual([[0, 0, 10], [0, 1, 10], [0, 2, 10]]);
    expect((await s.campaign(id)).status).toBe('completed');
  });

  /** 50 people, 2 variants, a test of 20% judged by replies after an hour: the 10 test messages go at once. */
  async function testOfFifty(s: SendingScenario) {
    const id = await launchWithVariants(s, {
      variants: [
        { subject: 'Plain subject', html: '<p>Version A</p>' },
        { subject: 'Curious subject', html: '<p>Version B</p>' },
      ],
      abTest: { metric: 'replies', testPercent: 20, waitHours: 1 },
      n: 50,
    });
    const jobs = await jobsByPerson(s, id, 0);
    const test = [...jobs].filter(([, job]) => job.variant !== null).map(([person]) => person);
    // ceil(50 × 20%) = 10, spread evenly: every fifth person from the first, alternately A and B.
    expect(test).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
    expect(test.map((person) => jobs.get(person)!.variant)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(sentStatuses(await s.tick())).toBe(10);
    const sentAt = s.t.clock.now().getTime();
    return { id, test, sentAt };
  }

  /** Replies from these people to their first message, read by the next tick. */
  async function replyFrom(s: SendingScenario, persons: number[]) {
    const sent = await sentTo(s);
    for (const person of persons) {
      const message = sent.get(`person${person}@example.com`)![0]!;
      const messageId = message.parsed.messageId!;
      await s.t.control('POST', `/mailboxes/${encodeURIComponent(MAILBOX)}/messages`, {
        raw: plainMessage({ From: `person${person}@example.com`, To: MAILBOX, Subject: `Re: ${message.parsed.subject}`, 'In-Reply-To': messageId, References: messageId }),
      });
    }
    s.t.clock.advance(61_000);
    expect((await s.tick()).incoming.reply).toBe(persons.length);
  }

  it('sends a test share first, waits, picks the variant with the most replies and sends it to the rest', async () => {
    const s = await opened();
    const { id, test, sentAt } = await testOfFifty(s);
    const onB = test.filter((_, i) => i % 2 === 1);
    await replyFrom(s, onB);

    // Within the wait: the rest are held, and the campaign says it waits for the test until its end.
    s.t.clock.advance(30 * 60_000);
    const waiting = await s.tick();
    expect(waiting.abDecided).toEqual([]);
    expect(waiting.attempts).toEqual([]);
    const progress = campaignProgressSchema.parse((await s.campaign(id)).progress);
    expect(progress.waiting).toEqual({ reason: 'ab-test', until: new Date(sentAt + HOUR).toISOString() });
    // The finish estimate counts the held 40 from the decision on.
    expect(new Date(progress.expectedFinishAt!).getTime()).toBeGreaterThanOrEqual(sentAt + HOUR);

    s.t.clock.set(new Date(sentAt + HOUR));
    const deciding = await s.tick();
    expect(deciding.abDecided).toEqual([id]);
    const campaign = await s.campaign(id);
    expect(campaign.abDecision).toMatchObject({
      metric: 'replies',
      outcome: 'winner',
      winner: 1,
      minimumEvents: 5,
      variants: [
        { index: 0, sent: 5, events: 0, rate: 0 },
        { index: 1, sent: 5, events: 5, rate: 1 },
      ],
    });
    // The 40 held go in the same tick, every one with B.
    expect(sentStatuses(deciding)).toBe(40);
    const sent = await sentTo(s);
    const jobs = await jobsByPerson(s, id, 0);
    for (let person = 0; person < 50; person++) {
      if (test.includes(person)) continue;
      expect(jobs.get(person)).toMatchObject({ status: 'sent', variant: 1 });
      expect(sent.get(`person${person}@example.com`)!.map((m) => m.parsed.subject)).toEqual(['Curious subject']);
    }
    expect((await s.tick()).abDecided).toEqual([]);
  });

  it('keeps the even split for the rest when the test had too few replies, and says so', async () => {
    const s = await opened();
    const { id, test, sentAt } = await testOfFifty(s);
    await replyFrom(s, [5, 15]);
    // Paused past the wait: nothing is decided until it sends again.
    expect((await s.agent.post(`/api/campaigns/${id}/pause`, {})).status).toBe(200);
    s.t.clock.set(new Date(sentAt + 2 * HOUR));
    expect((await s.tick()).abDecided).toEqual([]);
    expect((await s.campaign(id)).abDecision ?? null).toBeNull();
    expect((await s.agent.post(`/api/campaigns/${id}/resume`, {})).status).toBe(200);
    const deciding = await s.tick();
    expect(deciding.abDecided).toEqual([id]);
    expect((await s.campaign(id)).abDecision).toMatchObject({ outcome: 'too-few', winner: null, variants: [{ index: 0, events: 0 }, { index: 1, events: 2 }] });
    expect(sentStatuses(deciding)).toBe(40);
    const jobs = await jobsByPerson(s, id, 0);
    const sent = await sentTo(s);
    const held = [...Array(50).keys()].filter((person) => !test.includes(person));
    for (const person of held) {
      expect(jobs.get(person)).toMatchObject({ status: 'sent', variant: person % 2 });
      expect(sent.get(`person${person}@example.com`)![0]!.parsed.subject).toBe(person % 2 === 0 ? 'Plain subject' : 'Curious subject');
    }
    expect(held.filter((person) => person % 2 === 1)).toHaveLength(20);
  });

  it('sends a follow-up variant in the thread of the first message, "Re: " + the subject of the variant that person got', async () => {
    const s = await opened();
    const id = await launchWithVariants(s, {
      variants: THREE,
      followUps: [
        {
          delayHours: 48,
          subject: null,
          html: '<p>Nudge one</p>',
          condition: 'no_reply',
          variants: [
            { subject: null, html: '<p>Nudge one</p>' },
            { subject: null, html: '<p>Nudge two</p>' },
          ],
        },
      ],
      n: 6,
    });
    expect(sentStatuses(await s.tick())).toBe(6);
    s.t.clock.advance(48 * HOUR);
    expect(sentStatuses(await s.tick())).toBe(6);

    const firstJobs = await jobsByPerson(s, id, 0);
    const followJobs = await jobsByPerson(s, id, 1);
    const sent = await sentTo(s);
    for (let person = 0; person < 6; person++) {
      const [first, followUp] = sent.get(`person${person}@example.com`)!;
      expect(followUp!.threadId).toBe(first!.threadId);
      expect(followUp!.parsed.inReplyTo).toBe(first!.parsed.messageId);
      expect(followUp!.parsed.subject).toBe(`Re: ${['Alpha', 'Bravo', 'Charlie'][person % 3]} for P${person}`);
      expect(followUp!.parsed.html).toContain(person % 2 === 0 ? 'Nudge one' : 'Nudge two');
      expect(followJobs.get(person)).toMatchObject({ status: 'sent', splitKey: person, variant: person % 2 });
      expect(firstJobs.get(person)!.variant).toBe(person % 3);
    }
    const counted = await s.t.db.select().from(analyticsVariants).where(and(eq(analyticsVariants.campaignId, id), eq(analyticsVariants.step, 1)));
    expect(counted.map((row) => row.sent).sort()).toEqual([3, 3]);
  });

  it('decides once and sends every held message once with two schedulers ticking at the same moment', async () => {
    const accounts = ['one@work.example', 'two@work.example'];
    const s = await opened(accounts);
    const id = await launchWithVariants(s, {
      variants: [
        { subject: 'Plain subject', html: '<p>Version A</p>' },
        { subject: 'Curious subject', html: '<p>Version B</p>' },
      ],
      abTest: { metric: 'replies', testPercent: 10, waitHours: 2 },
      n: 60,
    });
    const schedulers = [s.engine({ workerId: 'scheduler-a' }), s.engine({ workerId: 'scheduler-b' })];
    const both = () => Promise.all(schedulers.map((deps) => runSchedulerTick(deps, { maxSends: 5 })));
    const decided: string[] = [];
    for (let round = 0; round < 40; round++) {
      for (const report of await both()) decided.push(...report.abDecided);
      const [row] = await s.t.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
      if (row!.status === 'completed') break;
      s.t.clock.advance(10 * 60_000);
    }
    expect(decided).toEqual([id]);
    expect((await s.campaign(id)).abDecision).toMatchObject({ outcome: 'too-few' });
    const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    expect(jobs).toHaveLength(60);
    expect(jobs.every((job) => job.status === 'sent' && job.variant !== null)).toBe(true);
    const copies = await s.sentCopies(accounts);
    expect(copies.size).toBe(60);
    expect([...copies.values()].every((count) => count === 1)).toBe(true);
  });
});
