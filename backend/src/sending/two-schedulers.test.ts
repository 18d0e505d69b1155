import { eq } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountSends, sendJobs } from '../db/schema';
import { openDatabase } from '../db/open-database';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import type { EngineDeps } from './engine-deps';
import { runSchedulerTick } from './tick';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MAILBOXES = ['one@work.example', 'two@work.example', 'three@work.example'];
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const recipients = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `person${i}@example.com` }));

async function scenario(options: Parameters<typeof sendingScenario>[0] = {}) {
  const s = await sendingScenario({ accounts: MAILBOXES, ...options });
  cleanups.push(() => s.close());
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  // Out of the way: the sandbox counts on the real clock here, the engine's minutes are the fake clock's.
  for (const mailbox of MAILBOXES) await s.t.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 100_000, perMinuteLimit: 100_000, quotaUnitsPerUserMinute: 100_000_000 });
  return s;
}

/** Both schedulers tick at the same moment, over and over, until the campaign is done. */
async function raceToCompletion(s: SendingScenario, id: string, schedulers: EngineDeps[], maxSends: number) {
  const attemptsBy = schedulers.map(() => 0);
  let round = 0;
  await s.untilCompleted(id, {
    advanceMs: 1_000,
    maxTicks: 500,
    tick: async () => {
      // Whoever starts first tends to win every account's slot for that tick: take turns starting.
      const order = round++ % 2 === 0 ? schedulers.map((_, i) => i) : schedulers.map((_, i) => i).reverse();
      await Promise.all(
        order.map(async (i) => {
          attemptsBy[i]! += (await runSchedulerTick(schedulers[i]!, { maxSends })).attempts.length;
        }),
      );
    },
  });
  return attemptsBy;
}

async function expectExactlyOnce(s: SendingScenario, id: string, perRecipient: number, n: number) {
  const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
  expect(jobs).toHaveLength(perRecipient * n);
  expect(jobs.every((job) => job.status === 'sent')).toBe(true);
  const copies = await s.sentCopies(MAILBOXES);
  expect(copies.size).toBe(perRecipient * n);
  expect([...copies.values()].every((count) => count === 1)).toBe(true);
  for (const job of jobs) expect(copies.get(job.messageId)).toBe(1);
  // The send log (daily limits) has one row per message too.
  expect(await s.t.db.$count(accountSends)).toBe(perRecipient * n);
  expect((await s.campaign(id)).counts).toMatchObject({ total: n, sent: n });
}

describe('two schedulers on one database', () => {
  it('never send a message twice when they tick at the same moment', async () => {
    const s = await scenario();
    const schedulers = [s.engine({ workerId: 'scheduler-a' }), s.engine({ workerId: 'scheduler-b' })];
    const id = await s.launch(
      { subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN, followUps: [{ delayHours: 0, html: '<p>Again</p>', condition: 'always' }] },
      recipients(100),
    );
    const attemptsBy = await raceToCompletion(s, id, schedulers, 7);
    // Both really worked on it (otherwise the test proves nothing).
    expect(Math.min(...attemptsBy)).toBeGreaterThan(20);
    await expectExactlyOnce(s, id, 2, 100);
  });

  it('never send a message twice from two connections to one database file', async () => {
    const path = join(tmpdir(), `iconnect-two-schedulers-${crypto.randomUUID()}.db`);
    cleanups.push(() => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    });
    const s = await scenario({ databaseUrl: `file:${path}` });
    // A second process would open the file the same way: its own client, its own connection.
    const second = await openDatabase({ url: `file:${path}` });
    cleanups.push(() => second.client.close());
    const schedulers = [s.engine({ workerId: 'process-a' }), { ...s.engine({ workerId: 'process-b' }), db: second.db }];
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, recipients(100));
    const attemptsBy = await raceToCompletion(s, id, schedulers, 3);
    expect(Math.min(...attemptsBy)).toBeGreaterThan(10);
    await expectExactlyOnce(s, id, 1, 100);
  });
});
