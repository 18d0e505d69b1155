import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { messageIdOf } from '../../backend/src/testing/sending-scenario';
import { bundleEntry, connectedSender, crashableBackend, httpAgent, startSandboxProcess } from '../support/crashable-processes';

/**
 * Recovery in seconds (issue 17): the backend is SIGKILLed while Gmail holds one of its sends, and
 * started again on the same database with the production lease (120 s) and tick (5 s). The new
 * process takes over the dead one's job and account slot once the dead heartbeat is stale
 * (sending/heartbeat.ts, recover-leases.ts), checks the mailbox for the interrupted message, and
 * goes on. The seconds from the restart to the next message are measured and printed, not asserted
 * (the machine is shared); the test asserts only that sending resumed before the lease could
 * have run out, and exactly once.
 */

const SENDER = 'recovery@work.example';
const RECIPIENTS = 4;
const LEASE_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'iconnect-recovery-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

it('resumes sending seconds after a restart that follows a SIGKILL mid-send, not when the lease ends', { timeout: 180_000 }, async () => {
  const sandbox = await startSandboxProcess({ dbPath: join(dir, 'gmail-sandbox.db') });
  cleanups.push(sandbox.stop);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const sentRaw = async () => ((await (await control('GET', `/mailboxes/${SENDER}/messages`)).json()) as { raw: string }[]).map((message) => message.raw);

  const entry = await bundleEntry('tests/support/backend-main.ts', join(import.meta.dirname, '../../node_modules/.cache/iconnect-e2e'));
  const backend = await crashableBackend({
    dataDir: join(dir, 'data'),
    entry,
    env: { GMAIL_SANDBOX_URL: sandbox.url, SCHEDULER_INTERVAL_MS: '5000', SEND_LEASE_MS: String(LEASE_MS), GMAIL_QUOTA_UNITS_PER_USER_MINUTE: '100000000' },
  });
  cleanups.push(backend.stop);
  await backend.start();
  const agent = httpAgent(backend.url);
  const accountId = await connectedSender(agent, sandbox.url, SENDER);
  const created = await agent.post('/api/campaigns', {
    name: 'Recovery',
    subject: 'Hello {{Name}}',
    html: '<p>Hi {{Name}}</p>',
    accountIds: [accountId],
    schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } },
  });
  expect(created.status).toBe(201);
  const { id } = await created.json();
  const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `person${i}@example.com`, fields: { Name: `P${i}` } }));
  expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);

  // The first send waits at Gmail until the process that made it is dead.
  const { id: gate } = (await (await control('POST', '/faults', { operation: 'send', hold: true, count: 1 })).json()) as { id: string };
  expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
  expect((await control('GET', `/faults/${gate}/held`)).status).toBe(200);
  await backend.kill();
  // Gmail goes on with the request and stores the message: the answer is what was lost.
  expect((await control('POST', `/faults/${gate}/release`)).status).toBe(204);
  for (const deadline = Date.now() + 10_000; (await sentRaw()).length === 0 && Date.now() < deadline; ) await new Promise((done) => setTimeout(done, 25));
  const before = (await sentRaw()).length;

  const restartedAt = performance.now();
  await backend.start();
  const answeringAt = performance.now();
  // A positive signal: the next message in the sandbox. The deadline is below the lease: waiting it out is a failure.
  let resumedAt: number | null = null;
  while (resumedAt === null && performance.now() - restartedAt < LEASE_MS - 10_000) {
    if ((await sentRaw()).length > before) resumedAt = performance.now();
    else await new Promise((done) => setTimeout(done, 50));
  }
  expect(resumedAt, `sending did not resume before the lease ran out:\n${backend.output().slice(-3000)}`).not.toBeNull();

  let campaign: { status: string; counts: Record<string, number> } = { status: '', counts: {} };
  for (const deadline = Date.now() + 60_000; campaign.status !== 'completed' && Date.now() < deadline; ) {
    campaign = await (await agent.get(`/api/campaigns/${id}`)).json();
    if (campaign.status !== 'completed') await new Promise((done) => setTimeout(done, 100));
  }
  expect(campaign.status, backend.output().slice(-3000)).toBe('completed');
  expect(campaign.counts).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, failed: 0, pending: 0 });
  await backend.stop();
  // Exactly once: the interrupted message was found in the mailbox (or sent once if Gmail never stored it).
  const ids = (await sentRaw()).map(messageIdOf);
  expect(ids).toHaveLength(RECIPIENTS);
  expect(new Set(ids).size).toBe(RECIPIENTS);

  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `crash recovery: sending resumed ${seconds(resumedAt! - restartedAt)} s after the restart ` +
      `(${seconds(resumedAt! - answeringAt)} s after it answered /health; lease ${LEASE_MS / 1000} s, tick 5 s, ` +
      `${before === 1 ? 'the interrupted message was in the mailbox' : 'Gmail never stored the interrupted message'})`,
  );
});
