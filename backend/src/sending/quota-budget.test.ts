import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../../shared/schemas/skip-reasons';
import { campaigns, recipients as recipientsTable, sendJobs } from '../db/schema';
import type { Clock } from '../lib/clock';
import { seededRandom } from '../lib/seeded-random';
import { createQuotaBudget } from '../limits/quota-budget';
import { signedInAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';
import { DEFAULT_LEASE_MS, type EngineDeps } from './engine-deps';
import { runSchedulerTick } from './tick';

// A Workspace address: its 2,000-a-day type limit leaves the zero-gap runs room (a gmail.com one stops at 500).
const SENDER = 'sender@work.example';
const START = '2026-03-02T10:00:00Z';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const MINUTE = 60_000;

const opened: SandboxedTestApp[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

/**
 * The app and the sandbox on ONE fake clock, so a minute of the engine's budget is a minute of the
 * sandbox's quota: both count the same rolling minute, and nothing waits on real time.
 */
async function sharedClockApp() {
  let appClock: Clock | undefined;
  const t = await createSandboxedTestApp({ sandboxClock: { now: () => appClock?.now() ?? new Date(START) } });
  appClock = t.clock;
  opened.push(t);
  const { agent } = await signedInAgent(t, 'owner@example.com');
  await connectSandboxMailbox(agent, SENDER, { query: 'timezone=UTC' });
  const [account] = (await (await agent.get('/api/accounts')).json()).accounts;
  // Zero gaps: nothing but the quota holds the account back (the daily limits are far away).
  await agent.patch(`/api/accounts/${account.id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 });
  await t.control('PATCH', `/mailboxes/${SENDER}`, { dailyLimit: 100_000 });
  const deps: EngineDeps = { ...t.deps, random: seededRandom(42), workerId: 'quota-test', leaseMs: DEFAULT_LEASE_MS };
  return { t, agent, accountId: account.id as string, deps };
}

type SandboxMailbox = { address: string; unitsLastMinute: number; quotaUnitsPerMinute: number; rateLimitAnswers: number };
const sandboxMailbox = async (t: SandboxedTestApp) =>
  ((await t.control('GET', '/state')).body.mailboxes as SandboxMailbox[]).find((m) => m.address === SENDER)!;

/** The most sends any rolling minute holds, from the times the engine recorded them. */
function busiestMinute(sentAt: number[]): number {
  const times = [...sentAt].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= MINUTE) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('the engine within Gmail quota units (6,000 a minute per mailbox)', () => {
  it('sends one mailbox at zero gaps as fast as its units allow, never draws a rate-limit answer, and still reads replies in time', async () => {
    const { t, agent, accountId, deps } = await sharedClockApp();
    const people = Array.from({ length: 150 }, (_, i) => ({ email: `person${i}@example.com` }));
    const created = await agent.post('/api/campaigns', {
      name: 'Quota',
      accountIds: [accountId],
      subject: 'Hello',
      html: '<p>Hi</p>',
      schedule: ALWAYS_OPEN,
      // A quarter of an hour later, unless they replied: each follow-up reads its thread first (40 units).
      followUps: [{ delayHours: 0.25, html: '<p>Following up</p>', condition: 'no_reply' }],
    });
    const { id } = await created.json();
    expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients: people })).status).toBe(201);
    expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);

    const repliers = ['person0@example.com', 'person1@example.com', 'person2@example.com'];
    let repliesDelivered = false;
    const outcomes = new Map<string, number>();
    for (let tick = 0; tick < 400; tick++) {
      const report = await runSchedulerTick(deps);
      for (const attempt of report.attempts) outcomes.set(attempt.result.status, (outcomes.get(attempt.result.status) ?? 0) + 1);
      // What the engine counts is what Google (the sandbox) counted: the same calls, the same minute.
      const sandbox = await sandboxMailbox(t);
      const { accounts } = await (await agent.get('/api/accounts')).json();
      expect(accounts[0].quota).toEqual({ unitsLastMinute: sandbox.unitsLastMinute, unitsPerMinute: 6000 });
      expect(sandbox.unitsLastMinute).toBeLessThanOrEqual(6000);

      const [campaign] = await t.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
      if (campaign?.status === 'completed') break;
      // Three people answer once every first message is out, well before their follow-ups are due.
      const sentFirst = (await t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id))).filter((job) => job.step === 0 && job.status === 'sent');
      if (!repliesDelivered && sentFirst.length === people.length) {
        repliesDelivered = true;
        for (const email of repliers) await deliverReply(t, email);
      }
      const now = t.clock.now().getTime();
      // Wake when the engine says the quota frees room; otherwise a minute later (the mailbox poll's pace).
      t.clock.advance(report.nextDueAt ? Math.max(report.nextDueAt.getTime() - now, 250) : MINUTE);
    }

    const jobs = await t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    const sent = jobs.filter((job) => job.status === 'sent');
    expect(sent).toHaveLength(2 * people.length - repliers.length);
    // Not one rate-limit answer from Google, and no attempt that was refused or had to wait.
    expect((await sandboxMailbox(t)).rateLimitAnswers).toBe(0);
    expect([...outcomes.keys()]).toEqual(['sent']);
    // 6,000 units less the read reserve (1,000) is 5,000: at most 50 sends of 100 units in any rolling
    // minute; and the mailbox does run at that pace (a job starts when its 145-unit worst case fits).
    const busiest = busiestMinute(sent.map((job) => job.sentAt!.getTime()));
    expect(busiest).toBeLessThanOrEqual(50);
    expect(busiest).toBeGreaterThanOrEqual(45);
    // The replies were read in time (the mailbox poll, from the read reserve): those three got no follow-up.
    const recipientRows = await t.db.select().from(recipientsTable).where(eq(recipientsTable.campaignId, id));
    const emailOf = new Map(recipientRows.map((r) => [r.id, r.email]));
    const skipped = jobs.filter((job) => job.status === 'skipped');
    expect(skipped.map((job) => emailOf.get(job.recipientId)).sort()).toEqual(repliers);
    expect(new Set(skipped.map((job) => job.statusReason))).toEqual(new Set([SKIP_REASONS.replied]));
  }, 60_000);

  it('keeps within the minute after a restart (or in a new Workers isolate): the send log tells a fresh budget what went out', async () => {
    const { t, agent, accountId, deps } = await sharedClockApp();
    const created = await agent.post('/api/campaigns', { name: 'Restarted', accountIds: [accountId], subject: 'Hello', html: '<p>Hi</p>', schedule: ALWAYS_OPEN });
    const { id } = await created.json();
    await agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: 80 }, (_, i) => ({ email: `p${i}@example.com` })) });
    expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
    expect((await runSchedulerTick(deps)).attempts).toHaveLength(49);

    t.clock.advance(10_000);
    const restarted = { ...deps, quota: createQuotaBudget({ unitsPerMinute: 6000 }) };
    const report = await runSchedulerTick(restarted);
    expect(report.attempts).toEqual([]);
    expect(report.nextDueAt).toEqual(new Date(new Date(START).getTime() + MINUTE));
    t.clock.advance(50_000);
    expect((await runSchedulerTick(restarted)).attempts.length).toBeGreaterThan(0);
    expect((await sandboxMailbox(t)).rateLimitAnswers).toBe(0);
  });

  it('draws rate-limit answers from Google with the budget switched off (what the budget prevents)', async () => {
    const { t, agent, accountId, deps } = await sharedClockApp();
    const created = await agent.post('/api/campaigns', { name: 'Unbudgeted', accountIds: [accountId], subject: 'Hello', html: '<p>Hi</p>', schedule: ALWAYS_OPEN });
    const { id } = await created.json();
    await agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: 80 }, (_, i) => ({ email: `p${i}@example.com` })) });
    expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
    const report = await runSchedulerTick({ ...deps, quota: createQuotaBudget({ unitsPerMinute: null }) });
    // The first poll's getProfile (1 unit) and 59 sends fill the 6,000 units; the next send is refused.
    expect(report.attempts.filter((attempt) => attempt.result.status === 'sent')).toHaveLength(59);
    expect((await sandboxMailbox(t)).rateLimitAnswers).toBeGreaterThan(0);
  });
});

/** A reply from `email` in the thread of the first message it got, delivered into the sender's mailbox. */
async function deliverReply(t: SandboxedTestApp, email: string) {
  const { body } = await t.control('GET', `/mailboxes/${encodeURIComponent(SENDER)}/messages`);
  const first = (body as { raw: string }[])
    .map((message) => Buffer.from(message.raw, 'base64url').toString('latin1'))
    .find((text) => new RegExp(`^To: ${email}\\r?$`, 'im').test(text))!;
  const messageId = /^message-id:\s*(\S+)/im.exec(first)![1]!;
  const text = [`From: ${email}`, `To: ${SENDER}`, 'Subject: Re: Hello', `In-Reply-To: ${messageId}`, `References: ${messageId}`, '', 'Thanks!', ''].join('\r\n');
  const delivered = await t.control('POST', `/mailboxes/${encodeURIComponent(SENDER)}/messages`, { text });
  expect(delivered.status).toBe(201);
}
