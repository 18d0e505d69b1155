/**
 * A simulated sending day (issue 17): N recipients over M sandbox accounts with random gaps, a
 * sending window and daily limits that bind, driven on the fake clock as the Node loop would
 * (each tick, then a wait until the next account is due), the Gmail sandbox in its own process.
 * The shape is the same at any size: each account has `N / M` messages to send, its daily limit is
 * three quarters of that and its gaps fill the window, so the limits stop every account on the
 * first day and the rest goes the next day.
 *
 * It checks what must hold (every daily limit over every rolling 24 hours, every send inside the
 * window, every gap, each recipient's message in the sandbox exactly once, finished by the
 * preflight's predicted time: schedule/send-plan.ts, which counts limits over a rolling 24 hours as
 * the engine does; the plan paces at the mean gap, so the check allows the random gaps' 3σ over an
 * account's day and prints how late or early it was in minutes and in gaps) and prints the engine's
 * CPU, the database's size and the statements per message. The accounts are connected through the
 * sandbox's consent page (support/sandbox-account.ts).
 *
 *   node_modules/.bin/tsx bench/simulated-day.ts [recipients=100000] [accounts=50]
 *   BENCH_STATEMENTS=1 ...   # also the statements run most, per tick
 *
 * Exits 1 when a check fails; the figures are reported, not gated.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { findCampaign } from '../backend/src/campaigns/campaign-store';
import { preflightTiming } from '../backend/src/campaigns/preflight-timing';
import { accountSends, campaigns, sendJobs } from '../backend/src/db/schema';
import { gmailSandboxEndpoints } from '../backend/src/gmail/google-endpoints';
import { DAY_MS } from '../backend/src/limits/daily-limits';
import { quotaSendIntervalMs } from '../backend/src/limits/quota-budget';
import { seededRandom } from '../backend/src/lib/seeded-random';
import { nextWindowOpening } from '../backend/src/schedule';
import { DEFAULT_LEASE_MS, type EngineDeps } from '../backend/src/sending/engine-deps';
import { runSchedulerTick } from '../backend/src/sending/tick';
import { signedInAgent } from '../backend/src/testing/browser-agent';
import { createTestApp } from '../backend/src/testing/test-app';
import { startSandboxProcess } from '../tests/support/crashable-processes';
import { countStatements } from './support/count-statements';
import { connectSandboxAccounts } from './support/sandbox-account';

const RECIPIENTS = Number(process.argv[2] ?? 100_000);
const ACCOUNTS = Number(process.argv[3] ?? 50);
const PER_ACCOUNT = Math.ceil(RECIPIENTS / ACCOUNTS);
/** Weekdays 09:00–17:00 UTC: eight hours a day. */
const WINDOW = { start: '09:00', end: '17:00' };
const WINDOW_MS = 8 * 3_600_000;
const DAILY_LIMIT = Math.max(1, Math.floor(PER_ACCOUNT * 0.75));
/** Gaps whose mean fills the window with the day's limit (a quarter slack), never below the Gmail quota's pace. */
const MEAN_GAP_S = Math.max(quotaSendIntervalMs(6_000) / 1000 + 1, (WINDOW_MS / 1000 / DAILY_LIMIT) * 0.75);
const MIN_GAP_S = Math.floor(MEAN_GAP_S * 0.5);
const MAX_GAP_S = Math.ceil(MEAN_GAP_S * 1.5);
/** The Node loop's longest sleep (scheduler-loop.ts wakes sooner when an account is due). */
const LOOP_INTERVAL_MS = 30_000;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-bench-day-'));
  const sandbox = await startSandboxProcess({ dbPath: join(dir, 'gmail-sandbox.db') });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const dbPath = join(dir, 'iconnect.db');
  const t = await createTestApp({
    google: gmailSandboxEndpoints({ browserBase: sandbox.url, serverBase: sandbox.url, gmailRootUrl: sandbox.url }),
    databaseUrl: `file:${dbPath}`,
  });
  let failures = 0;
  const check = (ok: boolean, what: string) => {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures++;
  };
  try {
    // A Monday 08:00 UTC: the window opens an hour after launch.
    t.clock.set('2026-03-02T08:00:00Z');
    const { agent } = await signedInAgent(t, 'day@example.com');
    const mailboxes = Array.from({ length: ACCOUNTS }, (_, i) => `day${i}@work.example`);
    const accountIds = await connectSandboxAccounts(agent, sandbox.url, mailboxes);
    for (const accountId of accountIds) await agent.patch(`/api/accounts/${accountId}`, { minGapSeconds: MIN_GAP_S, maxGapSeconds: MAX_GAP_S, dailyLimit: DAILY_LIMIT });

    const created = await agent.post('/api/campaigns', {
      name: 'Simulated day',
      subject: 'Hello {{Name}}',
      html: '<p>Hi {{Name}}, here is <a href="https://example.org/a">one link</a> and <a href="https://example.org/b">another</a>.</p>',
      accountIds,
      schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5], window: WINDOW },
    });
    const { id } = (await created.json()) as { id: string };
    for (let from = 0; from < RECIPIENTS; from += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, RECIPIENTS - from) }, (_, i) => ({ email: `person${from + i}@example.com`, fields: { Name: `P${from + i}` } }));
      await agent.post(`/api/campaigns/${id}/recipients`, { recipients: chunk });
    }
    const row = await findCampaign(t.deps, (await t.db.select({ userId: campaigns.userId }).from(campaigns).where(eq(campaigns.id, id)))[0]!.userId, id);
    const predicted = await preflightTiming(t.deps, row!, RECIPIENTS);
    const launchedAt = t.clock.now();
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    if (launched.status !== 200) throw new Error(`launch failed: ${launched.status} ${await launched.text()}`);
    console.log(
      `simulated day: ${RECIPIENTS} recipients over ${ACCOUNTS} accounts, window ${WINDOW.start}–${WINDOW.end} UTC weekdays, ` +
        `gaps ${MIN_GAP_S}–${MAX_GAP_S} s, daily limit ${DAILY_LIMIT} per account; predicted last message ${predicted?.lastMessageAt ?? 'none'}`,
    );

    const deps: EngineDeps = { ...t.deps, random: seededRandom(17), workerId: 'day', leaseMs: DEFAULT_LEASE_MS };
    const statements = countStatements(t.client);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let ticks = 0;
    let sent = 0;
    let lastReport = performance.now();
    for (;;) {
      const report = await runSchedulerTick(deps);
      ticks++;
      sent += report.attempts.filter((a) => a.result.status === 'sent').length;
      if (report.completed.includes(id)) break;
      const now = t.clock.now().getTime();
      // As the Node loop: wake when the next account is due, at the latest after one interval; a
      // closed window (nights, the weekend) is skipped to its opening, when nothing would happen anyway.
      const opening = nextWindowOpening(row!.schedule, new Date(now)).getTime();
      const wake = report.nextDueAt ? Math.min(report.nextDueAt.getTime(), now + LOOP_INTERVAL_MS) : Math.max(now + LOOP_INTERVAL_MS, opening);
      t.clock.advance(Math.max(1, wake - now));
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(`  … ${sent} sent, ${ticks} ticks, simulated ${t.clock.now().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const counted = statements.stop();
    const cpuMs = (cpu.user + cpu.system) / 1000;

    // The checks, from the database's own records and the sandbox's mailboxes.
    const sends = await t.db.select({ accountId: accountSends.accountId, sentAt: accountSends.sentAt }).from(accountSends);
    const byAccount = new Map<string, number[]>();
    for (const send of sends) byAccount.set(send.accountId, [...(byAccount.get(send.accountId) ?? []), send.sentAt.getTime()]);
    let worst24h = 0;
    let shortestGapMs = Infinity;
    let outsideWindow = 0;
    for (const times of byAccount.values()) {
      times.sort((a, b) => a - b);
      for (let i = 0, from = 0; i < times.length; i++) {
        while (times[from]! <= times[i]! - DAY_MS) from++;
        worst24h = Math.max(worst24h, i - from + 1);
        if (i > 0) shortestGapMs = Math.min(shortestGapMs, times[i]! - times[i - 1]!);
        const at = new Date(times[i]!);
        const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
        if (minutes < 9 * 60 || minutes >= 17 * 60 || at.getUTCDay() === 0 || at.getUTCDay() === 6) outsideWindow++;
      }
    }
    const jobs = await t.db.select({ status: sendJobs.status, sentAt: sendJobs.sentAt, messageId: sendJobs.messageId }).from(sendJobs).where(eq(sendJobs.campaignId, id));
    const sentJobs = jobs.filter((job) => job.status === 'sent');
    const lastSentAt = Math.max(...sentJobs.map((job) => job.sentAt!.getTime()));
    const copies = new Map<string, number>();
    for (const email of mailboxes) {
      const listed = (await (await control('GET', `/mailboxes/${email}/messages`)).json()) as { raw: string }[];
      for (const message of listed) {
        const head = Buffer.from(message.raw.slice(0, 4000), 'base64url').toString('latin1');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '?';
        copies.set(messageId, (copies.get(messageId) ?? 0) + 1);
      }
    }
    const duplicates = [...copies.values()].filter((n) => n > 1).length;
    const missing = sentJobs.filter((job) => !copies.has(job.messageId)).length;
    const dbBytes = ['', '-wal'].reduce((sum, suffix) => sum + (statSync(dbPath + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);

    console.log(`  ${sent} messages in ${ticks} ticks; simulated ${((lastSentAt - launchedAt.getTime()) / 3_600_000).toFixed(1)} h from launch to the last message, ${(wallMs / 1000).toFixed(0)} s of real time`);
    check(sentJobs.length === RECIPIENTS, `every recipient sent: ${sentJobs.length} of ${RECIPIENTS}`);
    check(duplicates === 0 && missing === 0 && copies.size === RECIPIENTS, `exactly once in the sandbox: ${copies.size} Message-IDs, ${duplicates} duplicated, ${missing} missing`);
    check(worst24h <= DAILY_LIMIT, `daily limit held over every rolling 24 hours: at most ${worst24h} per account (limit ${DAILY_LIMIT})`);
    check(shortestGapMs >= MIN_GAP_S * 1000, `gaps held: shortest ${(shortestGapMs / 1000).toFixed(1)} s between one account's messages (minimum ${MIN_GAP_S} s)`);
    check(outsideWindow === 0, `window held: ${outsideWindow} messages outside ${WINDOW.start}–${WINDOW.end} weekdays`);
    // The plan paces each account at its mean gap; the engine draws each gap at random between the
    // bounds, so an account's day of n sends lands within about ±3σ = 3·√n·(max − min)/√12 of it.
    const predictedMs = predicted ? new Date(predicted.lastMessageAt).getTime() : NaN;
    const spreadMs = 3 * Math.sqrt(DAILY_LIMIT) * ((MAX_GAP_S - MIN_GAP_S) * 1000) / Math.sqrt(12);
    const lateMin = (lastSentAt - predictedMs) / 60_000;
    console.log(
      `  predicted last message ${predicted?.lastMessageAt ?? 'none'}, actual ${new Date(lastSentAt).toISOString()}: ` +
        `${lateMin > 0 ? `${lateMin.toFixed(1)} min late` : `${(-lateMin).toFixed(1)} min early`} (${(Math.abs(lastSentAt - predictedMs) / (MEAN_GAP_S * 1000)).toFixed(1)} mean gaps; ` +
        `random gaps' 3σ over a day of ${DAILY_LIMIT}: ${(spreadMs / 60_000).toFixed(1)} min)`,
    );
    check(
      lastSentAt <= predictedMs + spreadMs,
      `finished within the predicted time, allowing the random gaps' spread: last message ${new Date(lastSentAt).toISOString()}, predicted ${predicted?.lastMessageAt ?? 'none'} + ${(spreadMs / 60_000).toFixed(1)} min`,
    );
    console.log(`  engine CPU      ${(cpuMs / sent).toFixed(2)} ms/message (${(cpuMs / 1000).toFixed(1)} s: the engine, the Google client and the ${ticks} ticks; the sandbox is another process)`);
    console.log(`  database        ${(counted.statements / sent).toFixed(2)} statements per message in ${(counted.roundTrips / sent).toFixed(2)} round trips, ${(counted.statements / ticks).toFixed(1)} per tick`);
    if (process.env.BENCH_STATEMENTS) {
      for (const [text, n] of [...counted.byText].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`    ${(n / ticks).toFixed(2)}/tick  ${text.slice(0, 140)}`);
    }
    console.log(`  database size   ${(dbBytes / 1e6).toFixed(1)} MB (file and WAL) after the run, ${(dbBytes / RECIPIENTS / 1024).toFixed(2)} KiB per recipient`);
    console.log(`  rate            ${(sent / (wallMs / 1000)).toFixed(0)} messages/s of real time on this machine (${RECIPIENTS} recipients: ${((RECIPIENTS / (sent / (wallMs / 1000))) / 60).toFixed(1)} min)`);
  } finally {
    t.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failures === 0 ? 0 : 1;
}

await main();
