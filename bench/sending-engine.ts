/**
 * Sending engine benchmark: 10,000 recipients over 20 sandbox accounts, zero gaps, a file-backed
 * database, ticks until the campaign completes. The Gmail sandbox runs in its own process, so this
 * process's CPU time is the engine's (plus the Google client and the HTTP it makes). In the same
 * run, a baseline: the same number of bare `messages.send` calls through the Google client, over
 * the same accounts concurrently as the engine sends, without the engine, measured after each tick
 * (as many as it sent) so that both meet the same load from other work on the machine.
 *
 *   node_modules/.bin/tsx bench/sending-engine.ts [recipients] [accounts]
 *   BENCH_PROFILE=engine.cpuprofile node_modules/.bin/tsx bench/sending-engine.ts   # a CPU profile of the engine's ticks only
 *   BENCH_STATEMENTS=1 ...   # also the statements the engine ran most, per message
 *
 * Always exits 0: it reports, it does not gate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openAccountSession } from '../backend/src/accounts/account-client';
import type { AccountRow } from '../backend/src/accounts/account-store';
import { campaigns, gmailAccounts } from '../backend/src/db/schema';
import { gmailSandboxEndpoints } from '../backend/src/gmail/google-endpoints';
import { seededRandom } from '../backend/src/lib/seeded-random';
import { createQuotaBudget, DEFAULT_QUOTA_UNITS_PER_USER_MINUTE, quotaSendIntervalMs, type QuotaBudget } from '../backend/src/limits/quota-budget';
import { buildMessage } from '../backend/src/sending/message';
import { DEFAULT_LEASE_MS, type EngineDeps } from '../backend/src/sending/engine-deps';
import { runSchedulerTick } from '../backend/src/sending/tick';
import { signedInAgent } from '../backend/src/testing/browser-agent';
import { createTestApp, type TestApp } from '../backend/src/testing/test-app';
import { startSandboxProcess } from '../tests/support/crashable-processes';
import { countStatements } from './support/count-statements';

const RECIPIENTS = Number(process.argv[2] ?? 10_000);
const ACCOUNTS = Number(process.argv[3] ?? 20);
/** Sends a minute one account may make under the 2026 quota (6,000 units: 49), and 100 accounts at that pace. */
const SENDS_PER_MINUTE = 60_000 / quotaSendIntervalMs(DEFAULT_QUOTA_UNITS_PER_USER_MINUTE);
const TARGET_PER_SECOND = (100 * SENDS_PER_MINUTE) / 60;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'iconnect-bench-send-'));
  const sandbox = await startSandboxProcess({ dbPath: join(dir, 'gmail-sandbox.db') });
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const t = await createTestApp({
    google: gmailSandboxEndpoints({ browserBase: sandbox.url, serverBase: sandbox.url, gmailRootUrl: sandbox.url }),
    databaseUrl: `file:${join(dir, 'iconnect.db')}`,
  });
  try {
    const { agent } = await signedInAgent(t, 'bench@example.com');
    const mailboxes = Array.from({ length: ACCOUNTS }, (_, i) => `bench${i}@work.example`);
    for (const email of mailboxes) {
      // The consent flow, as connectSandboxMailbox does it (without vitest's expect).
      const consentUrl = (await agent.get('/api/accounts/connect?timezone=UTC')).headers.get('location')!;
      const allow = await fetch(consentUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, decision: 'allow' }),
        redirect: 'manual',
      });
      const callback = new URL(allow.headers.get('location')!);
      await agent.get(callback.pathname + callback.search);
      // The sandbox process counts quota on the real clock, the engine on the fake one: out of its way.
      await control('PATCH', `/mailboxes/${email}`, { dailyLimit: 1_000_000, perMinuteLimit: 1_000_000, quotaUnitsPerUserMinute: 100_000_000 });
    }
    const { accounts } = (await (await agent.get('/api/accounts')).json()) as { accounts: { id: string }[] };
    for (const account of accounts) await agent.patch(`/api/accounts/${account.id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 });

    const created = await agent.post('/api/campaigns', {
      name: 'Bench',
      subject: 'Hello {{Name}}',
      html: '<p>Hi {{Name}}, here is <a href="https://example.org/a">one link</a> and <a href="https://example.org/b">another</a>.</p>'.repeat(4),
      accountIds: accounts.map((a) => a.id),
      schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
    });
    const { id } = (await created.json()) as { id: string };
    for (let from = 0; from < RECIPIENTS; from += 10_000) {
      const chunk = Array.from({ length: Math.min(10_000, RECIPIENTS - from) }, (_, i) => ({ email: `person${from + i}@example.com`, fields: { Name: `P${from + i}` } }));
      await agent.post(`/api/campaigns/${id}/recipients`, { recipients: chunk });
    }
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    if (launched.status !== 200) throw new Error(`launch failed: ${launched.status} ${await launched.text()}`);

    // Every unit the engine spends (sends and reads: the charge before each Gmail call, and calls the
    // client library retried by itself), to print the units one message costs.
    let units = 0;
    const budget = t.deps.quota;
    const quota: QuotaBudget = {
      ...budget,
      charge: (accountId, n, use, now) => {
        const charged = budget.charge(accountId, n, use, now);
        if (charged.ok) units += n;
        return charged;
      },
      record: (accountId, n, now) => {
        units += n;
        budget.record(accountId, n, now);
      },
    };
    const deps: EngineDeps = { ...t.deps, quota, random: seededRandom(1), workerId: 'bench', leaseMs: DEFAULT_LEASE_MS };
    // Baseline: bare `messages.send` calls through Google's client, one message built once per
    // account, no engine, no quota budget. Run after each engine tick, as many as the tick sent, so
    // both see the same machine (others' work on this 2-core machine comes and goes within a run).
    // While profiling, after all the ticks instead, out of the profile.
    const interleave = !process.env.BENCH_PROFILE;
    const baseline = await openBaseline(t.deps, await t.db.select().from(gmailAccounts));
    const statements = countStatements(t.client);
    const profiler = process.env.BENCH_PROFILE ? await startProfile() : null;
    let engineMicros = 0;
    let engineMs = 0;
    let ticks = 0;
    let sent = 0;
    for (;;) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const report = await runSchedulerTick(deps);
      engineMs += performance.now() - started;
      engineMicros += micros(process.cpuUsage(cpuBefore));
      ticks++;
      const sentNow = report.attempts.filter((a) => a.result.status === 'sent').length;
      sent += sentNow;
      if (interleave) await baseline.send(sentNow);
      const [row] = await t.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
      if (row?.status === 'completed') break;
      // Nothing sent: wait for the next account due (its quota minute frees room), or a second.
      if (report.attempts.length === 0) t.clock.advance(report.nextDueAt ? Math.max(250, report.nextDueAt.getTime() - t.clock.now().getTime()) : 1000);
    }
    const counted = statements.stop();
    if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(await profiler.stop()));
    if (!interleave) await baseline.send(sent);
    const base = baseline.figures();

    const enginePerMessage = engineMicros / 1000 / sent;
    const basePerMessage = base.micros / 1000 / base.sends;
    const rows = await t.db.select().from(gmailAccounts);
    const capacity = 1000 / enginePerMessage;
    console.log(`sending engine: ${sent} messages over ${rows.length} accounts in ${ticks} ticks`);
    console.log(`  end to end      ${(engineMs / 1000).toFixed(1)} s  ${(sent / (engineMs / 1000)).toFixed(0)} messages/s`);
    console.log(`  engine CPU      ${enginePerMessage.toFixed(2)} ms/message (this process: engine + Google client; the sandbox is another process)`);
    console.log(
      `  database        ${(counted.statements / sent).toFixed(2)} statements per message in ${(counted.roundTrips / sent).toFixed(2)} round trips (execute or batch; ${counted.statements} statements in ${ticks} ticks, the bench's own completion check included)`,
    );
    if (process.env.BENCH_STATEMENTS) {
      for (const [text, n] of [...counted.byText].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${(n / sent).toFixed(3)}  ${text.slice(0, 150)}`);
    }
    console.log(`  Gmail quota     ${(units / sent).toFixed(1)} units per message sent (sends and reads together; ${units} units, budget ${budget.unitsPerMinute ?? 'off'} a minute per account)`);
    console.log(`baseline: ${base.sends} bare messages.send calls through the Google client, ${interleave ? 'after each tick, as many as it sent' : 'after all the ticks'}`);
    console.log(`  end to end      ${(base.ms / 1000).toFixed(1)} s  ${(base.sends / (base.ms / 1000)).toFixed(0)} messages/s`);
    console.log(`  client CPU      ${basePerMessage.toFixed(2)} ms/message`);
    console.log(`engine overhead:  ${(enginePerMessage - basePerMessage).toFixed(2)} ms/message above the bare client (×${(enginePerMessage / basePerMessage).toFixed(1)})`);
    console.log(
      `100 accounts × ${SENDS_PER_MINUTE.toFixed(0)}/min (the 2026 quota) = ${TARGET_PER_SECOND.toFixed(0)} messages/s needs ${(TARGET_PER_SECOND * enginePerMessage / 1000).toFixed(2)} CPU cores at this cost` +
        ` (one core feeds ${capacity.toFixed(0)} messages/s): ${capacity >= TARGET_PER_SECOND ? 'yes' : 'NO'}, on one core`,
    );
  } finally {
    t.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const micros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/**
 * The baseline's senders: each account's Google client built once (as the old one-block baseline
 * did), then `send(n)` spreads n bare sends over the accounts, concurrently, and counts their CPU.
 */
async function openBaseline(deps: TestApp['deps'], accounts: AccountRow[]) {
  // The bare client: no quota budget (the engine's keeps each account under Gmail's units a minute).
  const bare = { ...deps, quota: createQuotaBudget({ unitsPerMinute: null }) };
  const senders = await Promise.all(
    accounts.map(async (account) => ({
      session: openAccountSession(bare, account),
      message: await buildMessage({
        from: { email: account.email, name: '' },
        to: 'baseline@example.com',
        subject: 'Baseline',
        html: '<p>Hi</p>',
        text: 'Hi',
        signatureHtml: '',
        messageId: `<baseline.${account.id}@localhost>`,
        date: new Date(),
        unsubscribe: null,
        tracking: { openPixelUrl: null, rewriteLink: null },
      }),
    })),
  );
  const totals = { sends: 0, micros: 0, ms: 0 };
  return {
    async send(n: number) {
      if (n === 0) return;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const each = Math.ceil(n / senders.length);
      await Promise.all(
        senders.map(({ session, message }) =>
          session.run(async ({ gmail }) => {
            for (let i = 0; i < each; i++) await gmail.users.messages.send({ userId: 'me', requestBody: { raw: message.raw } });
          }),
        ),
      );
      totals.ms += performance.now() - started;
      totals.micros += micros(process.cpuUsage(cpuBefore));
      totals.sends += each * senders.length;
    },
    figures: () => totals,
  };
}

/** The inspector's CPU profiler, around the engine's ticks only (not the setup, not the baseline). */
async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

await main();
