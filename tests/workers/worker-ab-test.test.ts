import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignStatsSchema } from '../../shared/schemas/analytics';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { signedInAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { plainMessage } from '../../backend/src/testing/incoming-mail';
import { startWorkerStack, type WorkerStack } from './support/worker-stack';

/**
 * "Pick a winner" (issue 18) on Cloudflare: the Cron Trigger's scheduled() sends the test share
 * split A/B, reads the replies, decides once the wait is over (written once, even with two cron
 * runs at the same moment) and sends the held first messages with the winner, over a libsql server.
 *
 * workerd reads the real clock, and the wait is an hour at least: the test moves the stored
 * instants back instead of waiting (the test's send times, the mailbox's last reply check), which
 * is what the Worker would find an hour (or a minute) later.
 */

const SENDER = 'abtest@work.example';
const ALWAYS_OPEN = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const HOUR = 3_600_000;
const VARIANTS = [
  { subject: 'Plain subject', html: '<p>Version A</p>' },
  { subject: 'Curious subject', html: '<p>Version B</p>' },
];
const N = 20;
const people = Array.from({ length: N }, (_, k) => ({ email: `p${String(k).padStart(2, '0')}@example.com` }));

/**
 * The split rule (shared/schemas/variants.ts) for 50%: split key k (the recipient's order) is in the
 * test iff ceil((k+1)/2) > ceil(k/2), i.e. every even k, with variant ceil(k/2) mod 2.
 */
const inTest = (k: number) => Math.ceil((k + 1) * 0.5) > Math.ceil(k * 0.5);
const testVariant = (k: number) => Math.ceil(k * 0.5) % 2;

let stack: WorkerStack;
let agent: BrowserAgent;
let db: Client;
let campaignId: string;

beforeAll(async () => {
  // Each cron run ticks for 2 s, 200 ms apart.
  stack = await startWorkerStack({ SCHEDULER_BUDGET_MS: '2000', SCHEDULER_INTERVAL_MS: '200' });
  db = createClient({ url: stack.sqld.url });
  expect((await stack.control('PATCH', `/mailboxes/${SENDER}`, { dailyLimit: 10_000, perMinuteLimit: 10_000 })).status).toBe(200);
  ({ agent } = await signedInAgent(stack.target, `ab-${crypto.randomUUID().slice(0, 6)}@example.com`));
  await connectSandboxMailbox(agent, SENDER, { query: 'timezone=UTC' });
}, 120_000);
afterAll(async () => {
  db?.close();
  await stack?.close();
});

async function campaign() {
  return campaignSchema.parse(await (await agent.get(`/api/campaigns/${campaignId}`)).json());
}
async function stats() {
  return campaignStatsSchema.parse(await (await agent.get(`/api/campaigns/${campaignId}/stats`)).json());
}

/** The messages the sender sent (its mailbox also holds the replies it received). */
async function sentMessages() {
  return (await stack.mailbox(SENDER)).filter((message) => message.from?.address === SENDER);
}

/** The sender's sent messages, by recipient address: the subjects each one got. */
async function subjectsByRecipient() {
  const byRecipient = new Map<string, string[]>();
  for (const message of await sentMessages()) {
    const to = message.to![0]!.address!;
    byRecipient.set(to, [...(byRecipient.get(to) ?? []), message.subject!]);
  }
  return byRecipient;
}

/** What the Worker finds a minute later: the mailbox is due to be read for replies. */
async function mailboxDueForReplies() {
  await db.execute({ sql: 'UPDATE gmail_accounts SET replies_checked_at = replies_checked_at - 120000 WHERE email = ?', args: [SENDER] });
}

/**
 * What the Worker finds `hours` later: the test's messages left that much earlier. The job's sent_at
 * and analytics_variants' last_sent_at (what the decision reads) move together; the counters' trigger
 * keeps the latest instant, so last_sent_at is written after the jobs.
 */
async function testSentEarlierBy(hours: number) {
  await db.execute({ sql: 'UPDATE send_jobs SET sent_at = sent_at - ? WHERE campaign_id = ? AND sent_at IS NOT NULL', args: [hours * HOUR, campaignId] });
  await db.execute({
    sql: `UPDATE analytics_variants SET last_sent_at = (SELECT max(sent_at) FROM send_jobs j
            WHERE j.campaign_id = analytics_variants.campaign_id AND j.step = analytics_variants.step AND j.variant = analytics_variants.variant)
          WHERE campaign_id = ?`,
    args: [campaignId],
  });
}

describe('an A/B test on Workers', () => {
  it('sends the test share split A/B from the first cron run and holds the rest', async () => {
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    const accountId = accounts.find((account) => account.email === SENDER)!.id;
    expect((await agent.patch(`/api/accounts/${accountId}`, { minGapSeconds: 0, maxGapSeconds: 0 })).status).toBe(200);
    const created = await agent.post('/api/campaigns', {
      name: 'A/B on Workers',
      subject: VARIANTS[0]!.subject,
      html: VARIANTS[0]!.html,
      variants: VARIANTS,
      abTest: { metric: 'replies', testPercent: 50, waitHours: 1 },
      accountIds: [accountId],
      schedule: ALWAYS_OPEN,
      tracking: { opens: false, clicks: false },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    campaignId = campaignSchema.parse(await created.json()).id;
    expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: people })).status).toBe(201);
    const launched = await agent.post(`/api/campaigns/${campaignId}/launch`, {});
    expect(launched.status, await launched.clone().text()).toBe(200);

    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    const subjects = await subjectsByRecipient();
    const expected = people.flatMap((person, k) => (inTest(k) ? [[person.email, [VARIANTS[testVariant(k)]!.subject]]] : []));
    expect([...subjects.entries()].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(N / 2);

    // The rest wait for the test: until an hour after its last message.
    const lastSent = Number((await db.execute({ sql: 'SELECT max(sent_at) AS at FROM send_jobs WHERE campaign_id = ?', args: [campaignId] })).rows[0]!.at);
    expect((await campaign()).progress?.waiting).toEqual({ reason: 'ab-test', until: new Date(lastSent + HOUR).toISOString() });
    expect((await campaign()).status).toBe('sending');
    expect((await stats()).variants?.map((v) => [v.index, v.subject, v.sent, v.replied, v.winner])).toEqual([
      [0, 'Plain subject', 5, 0, false],
      [1, 'Curious subject', 5, 0, false],
    ]);

    // Another run within the wait sends nothing more.
    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect((await sentMessages()).length).toBe(N / 2);
    expect((await campaign()).abDecision ?? null).toBeNull();
  }, 60_000);

  it('counts the replies per variant from a cron run', async () => {
    const sent = await sentMessages();
    // Four of B's five test recipients answer, and one of A's: five in all, the minimum to decide.
    const onB = people.filter((_, k) => inTest(k) && testVariant(k) === 1).slice(0, 4).map((person) => person.email);
    const onA = people.find((_, k) => inTest(k) && testVariant(k) === 0)!.email;
    for (const address of [...onB, onA]) {
      const message = sent.find((m) => m.to![0]!.address === address)!;
      const messageId = message.messageId!;
      const { status } = await stack.control('POST', `/mailboxes/${encodeURIComponent(SENDER)}/messages`, {
        raw: plainMessage({ From: address, To: SENDER, Subject: `Re: ${message.subject}`, 'In-Reply-To': messageId, References: messageId }),
      });
      expect(status).toBeLessThan(300);
    }
    await mailboxDueForReplies();
    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect((await stats()).variants?.map((v) => [v.index, v.sent, v.replied])).toEqual([
      [0, 5, 1],
      [1, 5, 4],
    ]);
    // Still within the wait: nothing decided, nothing more sent.
    expect((await campaign()).abDecision ?? null).toBeNull();
    expect((await sentMessages()).length).toBe(N / 2);
  }, 60_000);

  it('decides once after the wait, with two cron runs at the same moment, and sends the held ones with B once each', async () => {
    await testSentEarlierBy(1);
    const runs = await Promise.all([stack.worker.scheduled(), stack.worker.scheduled()]);
    expect(runs.map((run) => run.outcome)).toEqual(['ok', 'ok']);

    const decided = await campaign();
    expect(decided.abDecision).toMatchObject({
      metric: 'replies',
      outcome: 'winner',
      winner: 1,
      minimumEvents: 5,
      variants: [
        { index: 0, sent: 5, events: 1, rate: 0.2 },
        { index: 1, sent: 5, events: 4, rate: 0.8 },
      ],
    });
    expect(decided.status).toBe('completed');

    const subjects = await subjectsByRecipient();
    expect(subjects.size).toBe(N);
    people.forEach((person, k) => {
      expect(subjects.get(person.email), person.email).toEqual([inTest(k) ? VARIANTS[testVariant(k)]!.subject : 'Curious subject']);
    });
    const figures = await stats();
    expect(figures.abDecision).toEqual(decided.abDecision);
    expect(figures.variants?.map((v) => [v.index, v.sent, v.replied, v.winner])).toEqual([
      [0, 5, 1, false],
      [1, 15, 4, true],
    ]);

    // A later run leaves the decision as it was written.
    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect((await campaign()).abDecision).toEqual(decided.abDecision);
    expect((await sentMessages()).length).toBe(N);
  }, 60_000);
});
