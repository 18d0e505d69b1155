import { createClient } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seededRandom } from '../../backend/src/lib/seeded-random';
import { messageIdOf } from '../../backend/src/testing/sending-scenario';
import { bundleEntry, crashableBackend, httpAgent, startSandboxProcess } from '../support/crashable-processes';

/**
 * The sending engine's promise: whatever moment the process dies at, each recipient gets each
 * step exactly once. The backend is SIGKILLed at random moments while it sends (mid-request,
 * mid-batch, between Gmail's answer and our record) and restarted on the same database; Gmail's
 * side (the sandbox) lives in another process and keeps whatever it accepted.
 */

const SENDER = 'crash@work.example';
const RECIPIENTS = 300;
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const t0 = Date.now();
const trace = (what: string) => process.env.CRASH_TRACE && console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);

const dir = mkdtempSync(join(tmpdir(), 'iconnect-crash-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

it('sends each recipient each step exactly once through 20 SIGKILLs and lost answers', { timeout: 120_000 }, async () => {
  const sandbox = await startSandboxProcess({ dbPath: join(dir, 'gmail-sandbox.db') });
  cleanups.push(sandbox.stop);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });

  // Compiled once: restarting under tsx takes ~5 s, the bundle ~1 s.
  const entry = await bundleEntry('tests/support/backend-main.ts', join(import.meta.dirname, '../../node_modules/.cache/iconnect-e2e'));
  const backend = await crashableBackend({
    dataDir: join(dir, 'data'),
    entry,
    // Quota units out of the way (both sides): this test is about crashes, not Gmail's 6,000 units a minute.
    env: { GMAIL_SANDBOX_URL: sandbox.url, SCHEDULER_INTERVAL_MS: '50', SEND_LEASE_MS: '1500', GMAIL_QUOTA_UNITS_PER_USER_MINUTE: '100000000' },
  });
  cleanups.push(backend.stop);
  await backend.start();

  const agent = httpAgent(backend.url);
  expect((await agent.post('/api/auth/signup', { email: 'crash@example.com', password: 'a long enough password' })).status).toBe(201);
  // Connect the mailbox through the consent flow, as a person does.
  const start = await agent.get('/api/accounts/connect?timezone=UTC');
  expect(start.status).toBe(302);
  const consentUrl = start.headers.get('location')!;
  const allow = await fetch(consentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: SENDER, decision: 'allow' }),
    redirect: 'manual',
  });
  const callback = new URL(allow.headers.get('location')!);
  expect((await agent.get(callback.pathname + callback.search)).status).toBeLessThan(400);
  const { accounts } = await (await agent.get('/api/accounts')).json();
  expect(accounts).toHaveLength(1);
  expect((await agent.patch(`/api/accounts/${accounts[0].id}`, { minGapSeconds: 0, maxGapSeconds: 0, dailyLimit: 2000 })).status).toBe(200);
  expect((await control('PATCH', `/mailboxes/${SENDER}`, { dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 })).status).toBe(200);

  const created = await agent.post('/api/campaigns', {
    name: 'Crash test',
    subject: 'Hello {{Name}}',
    html: '<p>Hi {{Name}}</p>',
    accountIds: [accounts[0].id],
    schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
    followUps: [{ delayHours: 0, html: '<p>Following up</p>', condition: 'always' }],
  });
  expect(created.status).toBe(201);
  const { id } = await created.json();
  const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } }));
  expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);

  // Every send takes a little while (so kills land mid-request: the sandbox finishes storing after
  // the caller died), and a few are stored with the answer lost.
  await control('POST', '/faults', { operation: 'send', status: 500, afterSend: true, count: 4, rate: 0.05 });
  await control('POST', '/faults', { operation: 'send', latencyMs: 20 });
  expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
  trace('launched');

  const random = seededRandom(2026);
  const sentCount = async () => ((await (await control('GET', `/mailboxes/${SENDER}/messages`)).json()) as unknown[]).length;
  const progress: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    // Kill while it sends: wait for sending to resume after the restart (the killed claim's lease,
    // 1.5 s, holds the account), then a random 100–600 ms.
    const before = await sentCount();
    for (let waited = 0; waited < 4000 && (await sentCount()) === before; waited += 50) await new Promise((done) => setTimeout(done, 50));
    await new Promise((done) => setTimeout(done, 100 + Math.floor(random() * 500)));
    await backend.kill();
    progress.push(await sentCount());
    trace(`killed #${kill}, ${progress.at(-1)} sent`);
    await backend.start();
    trace('restarted');
  }
  // The kills happened while there was still sending to do.
  expect(progress.at(-1)!).toBeLessThan(2 * RECIPIENTS);

  const deadline = Date.now() + 60_000;
  let campaign: { status: string; counts: Record<string, number> };
  for (;;) {
    campaign = await (await agent.get(`/api/campaigns/${id}`)).json();
    trace(`${campaign.status} ${JSON.stringify(campaign.counts)} ${await sentCount()}`);
    if (campaign.status === 'completed' || Date.now() > deadline) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  expect(campaign.status, backend.output().slice(-3000)).toBe('completed');
  expect(campaign.counts).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, failed: 0, pending: 0 });
  await backend.stop();

  const messages = (await (await control('GET', `/mailboxes/${SENDER}/messages`)).json()) as { raw: string }[];
  const copies = new Map<string, number>();
  for (const message of messages) copies.set(messageIdOf(message.raw), (copies.get(messageIdOf(message.raw)) ?? 0) + 1);
  const db = createClient({ url: `file:${join(dir, 'data', 'iconnect.db')}` });
  const jobs = (await db.execute('SELECT message_id, status, attempts, verify_before_send FROM send_jobs')).rows;
  db.close();

  expect(jobs).toHaveLength(2 * RECIPIENTS);
  expect(jobs.filter((job) => job.status !== 'sent')).toEqual([]);
  expect(messages).toHaveLength(2 * RECIPIENTS);
  for (const job of jobs) expect(copies.get(String(job.message_id)), String(job.message_id)).toBe(1);
  // Some messages needed a second attempt (a kill or a lost answer): the run exercised recovery.
  expect(jobs.filter((job) => Number(job.attempts) > 1).length).toBeGreaterThan(0);
  // The lost-answer faults (gone from the list once all 4 were used) did fire.
  const faults = (await (await control('GET', '/faults')).json()) as { afterSend?: boolean; hits: number }[];
  expect(faults.find((fault) => fault.afterSend)?.hits ?? 4).toBeGreaterThan(0);
  console.log(`crash test: sent so far at each kill ${progress.join(', ')}; ${jobs.filter((job) => Number(job.attempts) > 1).length} jobs needed more than one attempt`);
});
