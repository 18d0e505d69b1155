import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { sendJobs } from '../../backend/src/db/schema';
import { openDatabase } from '../../backend/src/db/open-database';
import { runSchedulerTick } from '../../backend/src/sending/tick';
import { sendingScenario } from '../../backend/src/testing/sending-scenario';
import { startSqld } from './support/sqld';

/**
 * Beyond one server: several Node instances on one Turso database (here a real libsql server, over
 * HTTP, each instance with its own client). Their schedulers race for the same messages; claims are
 * conditional updates, so each message still goes out once.
 */

const MAILBOXES = ['one@work.example', 'two@work.example'];
const RECIPIENTS = 60;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('two Node schedulers on one libsql server never send a message twice', async () => {
  const sqld = await startSqld();
  cleanups.push(sqld.stop);
  const s = await sendingScenario({ accounts: MAILBOXES, databaseUrl: sqld.url });
  cleanups.push(() => s.close());
  // The second instance: its own client over HTTP, as another server (or a Worker) would have.
  const second = await openDatabase({ url: sqld.url });
  cleanups.push(() => second.client.close());
  for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  for (const mailbox of MAILBOXES) await s.t.control('PATCH', `/mailboxes/${mailbox}`, { dailyLimit: 100_000, perMinuteLimit: 100_000 });
  const schedulers = [s.engine({ workerId: 'node-a' }), { ...s.engine({ workerId: 'node-b' }), db: second.db }];
  const id = await s.launch(
    { subject: 'Hi', html: '<p>Hi</p>', schedule: { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } } },
    Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `person${i}@example.com` })),
  );

  const attemptsBy = [0, 0];
  let round = 0;
  await s.untilCompleted(id, {
    advanceMs: 1_000,
    maxTicks: 200,
    // Both at the same moment, taking turns at starting first (the first tends to win every slot).
    tick: () =>
      Promise.all(
        (round++ % 2 === 0 ? [0, 1] : [1, 0]).map(async (i) => {
          attemptsBy[i]! += (await runSchedulerTick(schedulers[i]!, { maxSends: 3 })).attempts.length;
        }),
      ),
  });

  // Both really sent (otherwise the race proved nothing), and every message went out once.
  expect(Math.min(...attemptsBy)).toBeGreaterThan(5);
  const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
  expect(jobs).toHaveLength(RECIPIENTS);
  expect(jobs.filter((job) => job.status !== 'sent')).toEqual([]);
  const copies = await s.sentCopies(MAILBOXES);
  expect(copies.size).toBe(RECIPIENTS);
  for (const job of jobs) expect(copies.get(job.messageId), job.messageId).toBe(1);
});
