/**
 * Gmail quota-unit budget benchmark: one mailbox, zero gaps, the default 6,000 units a minute, a
 * campaign with a follow-up (a thread check before each) and a few replies to read, run for
 * MINUTES of fake time against the Gmail sandbox on the same fake clock. It prints the messages sent
 * per minute, the busiest rolling minute, the units used per message sent (sends and reads
 * together) and the rate-limit answers Google (the sandbox) gave. In the same run, a baseline: the
 * same engine with the budget switched off, which runs into Google's 403 userRateLimitExceeded.
 *
 *   node_modules/.bin/tsx bench/quota-budget.ts [recipients] [minutes]
 *
 * Always exits 0: it reports, it does not gate.
 */
import { eq } from 'drizzle-orm';
import { sendJobs } from '../backend/src/db/schema';
import { startGmailSandboxServer } from '../backend/src/gmail-sandbox/node-server';
import { gmailSandboxEndpoints } from '../backend/src/gmail/google-endpoints';
import type { Clock } from '../backend/src/lib/clock';
import { seededRandom } from '../backend/src/lib/seeded-random';
import { createQuotaBudget, type QuotaBudget } from '../backend/src/limits/quota-budget';
import { DEFAULT_LEASE_MS, type EngineDeps } from '../backend/src/sending/engine-deps';
import { runSchedulerTick } from '../backend/src/sending/tick';
import { signedInAgent } from '../backend/src/testing/browser-agent';
import { createTestApp } from '../backend/src/testing/test-app';

const RECIPIENTS = Number(process.argv[2] ?? 300);
const MINUTES = Number(process.argv[3] ?? 10);
// A Workspace address: its type allows the 2,000-a-day limit set below (a gmail.com one stops at 500).
const SENDER = 'bench@work.example';
const MINUTE = 60_000;

type Result = { sent: number; minutes: number; busiest: number; units: number; rateLimitAnswers: number; refusedAttempts: number };

/** Wraps a budget to total the units it let through (the budget itself keeps only the last minute). */
function totalling(budget: QuotaBudget) {
  let units = 0;
  const wrapped: QuotaBudget = {
    ...budget,
    charge(accountId, amount, use, now) {
      const result = budget.charge(accountId, amount, use, now);
      if (result.ok) units += amount;
      return result;
    },
    record(accountId, amount, now) {
      units += amount;
      budget.record(accountId, amount, now);
    },
  };
  return { wrapped, units: () => units };
}

async function run(budgetOn: boolean): Promise<Result> {
  let appClock: Clock | undefined;
  const sandbox = await startGmailSandboxServer({ clock: { now: () => appClock?.now() ?? new Date('2026-03-02T10:00:00Z') } });
  const t = await createTestApp({ google: gmailSandboxEndpoints({ browserBase: sandbox.url, serverBase: sandbox.url, gmailRootUrl: sandbox.url }) });
  appClock = t.clock;
  const control = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) })).json();
  try {
    const { agent } = await signedInAgent(t, 'bench@example.com');
    // The consent flow, as connectSandboxMailbox does it (without vitest's expect).
    const consentUrl = (await agent.get('/api/accounts/connect?timezone=UTC')).headers.get('location')!;
    const allow = await fetch(consentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: SENDER, decision: 'allow' }),
      redirect: 'manual',
    });
    const callback = new URL(allow.headers.get('location')!);
    await agent.get(callback.pathname + callback.search);
    await control('PATCH', `/mailboxes/${SENDER}`, { dailyLimit: 1_000_000 });
    const [account] = ((await (await agent.get('/api/accounts')).json()) as { accounts: { id: string }[] }).accounts;
    await agent.patch(`/api/accounts/${account!.id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 });
    const created = await agent.post('/api/campaigns', {
      name: 'Quota bench',
      subject: 'Hello {{Name}}',
      html: '<p>Hi {{Name}}</p>',
      accountIds: [account!.id],
      schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
      followUps: [{ delayHours: 0.05, html: '<p>Following up</p>', condition: 'no_reply' }],
    });
    const { id } = (await created.json()) as { id: string };
    await agent.post(`/api/campaigns/${id}/recipients`, { recipients: Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } })) });
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    if (launched.status !== 200) throw new Error(`launch failed: ${launched.status} ${await launched.text()}`);

    const quota = totalling(budgetOn ? t.deps.quota : createQuotaBudget({ unitsPerMinute: null }));
    const deps: EngineDeps = { ...t.deps, quota: quota.wrapped, random: seededRandom(1), workerId: 'bench', leaseMs: DEFAULT_LEASE_MS };
    const endsAt = t.clock.now().getTime() + MINUTES * MINUTE;
    let refusedAttempts = 0;
    let replied = 0;
    while (t.clock.now().getTime() < endsAt) {
      const report = await runSchedulerTick(deps);
      refusedAttempts += report.attempts.filter((a) => a.result.status !== 'sent' && a.result.status !== 'skipped').length;
      // One in twenty recipients answers, so the mailbox poll has messages to read.
      const sentNow = (await t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id))).filter((j) => j.step === 0 && j.status === 'sent').length;
      for (; replied < Math.floor(sentNow / 20); replied++) {
        const text = [`From: person${replied * 20}@example.com`, `To: ${SENDER}`, 'Subject: Re: Hello', '', 'Thanks!', ''].join('\r\n');
        await control('POST', `/mailboxes/${SENDER}/messages`, { text });
      }
      const now = t.clock.now().getTime();
      t.clock.advance(report.nextDueAt ? Math.max(report.nextDueAt.getTime() - now, 250) : 1000);
    }
    const sentJobs = (await t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id))).filter((j) => j.status === 'sent');
    const times = sentJobs.map((j) => j.sentAt!.getTime()).sort((a, b) => a - b);
    let busiest = 0;
    for (let end = 0, start = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= MINUTE) start++;
      busiest = Math.max(busiest, end - start + 1);
    }
    const state = (await control('GET', '/state')) as { mailboxes: { address: string; rateLimitAnswers: number }[] };
    const rateLimitAnswers = state.mailboxes.find((m) => m.address === SENDER)?.rateLimitAnswers ?? 0;
    return { sent: sentJobs.length, minutes: MINUTES, busiest, units: quota.units(), rateLimitAnswers, refusedAttempts };
  } finally {
    await t.close();
    await sandbox.close();
  }
}

function print(label: string, r: Result) {
  console.log(`${label}: ${r.sent} messages in ${r.minutes} min of fake time, one mailbox, zero gaps`);
  console.log(`  per minute      ${(r.sent / r.minutes).toFixed(1)} messages (busiest rolling minute: ${r.busiest})`);
  console.log(`  units           ${(r.units / Math.max(1, r.sent)).toFixed(1)} per message sent (sends and reads together; ${r.units} in all)`);
  console.log(`  rate limits     ${r.rateLimitAnswers} answers from Google (403/429), ${r.refusedAttempts} attempts not sent`);
}

async function main() {
  print('with the budget (6,000 units/min)', await run(true));
  print('baseline, budget switched off', await run(false));
}

await main();
