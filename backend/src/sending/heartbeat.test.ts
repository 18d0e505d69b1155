import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { gmailAccounts, schedulerInstances, sendJobs } from '../db/schema';
import { silentLogger } from '../lib/logger';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { runTicksWithinBudget } from '../workers/scheduled-ticks';
import { MIN_WAIT_MS, runSchedulerLoop } from './scheduler-loop';
import { claimAccountSlot, claimNextJob } from './claims';
import { DEFAULT_LEASE_MS } from './engine-deps';
import { beat, startHeartbeat } from './heartbeat';
import { STALE_AFTER_MS } from './recover-leases';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MAILBOX = 'sender@work.example';
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

async function scenarioWithCampaign() {
  const s = await sendingScenario({ accounts: [MAILBOX] });
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
  return { s, id };
}

/** What instance `workerId` holds once it is mid-send: the account's slot and the first job, both for the full 120 s lease. */
async function holdingMidSend(s: SendingScenario, id: string, workerId: string) {
  const now = s.t.clock.now();
  const leaseUntil = new Date(now.getTime() + DEFAULT_LEASE_MS);
  expect(await claimAccountSlot(s.t.db, s.accountIds[0]!, now, leaseUntil)).toBe(true);
  const job = await claimNextJob(s.t.db, { campaignId: id, accountId: s.accountIds[0]!, workerId, now, leaseUntil });
  expect(job).not.toBeNull();
  return job!;
}

const jobRow = async (s: SendingScenario, jobId: number) => (await s.t.db.select().from(sendJobs).where(eq(sendJobs.id, jobId)))[0]!;
const instanceIds = async (s: SendingScenario) => (await s.t.db.select({ id: schedulerInstances.id }).from(schedulerInstances)).map((row) => row.id);

describe('scheduler heartbeats', () => {
  it("takes over a dead instance's job and account slot once its heartbeat is stale, long before the lease ends", async () => {
    const { s, id } = await scenarioWithCampaign();
    await beat(s.t.db, 'crashed', s.t.clock.now());
    const job = await holdingMidSend(s, id, 'crashed');
    // Gmail accepted the message just before the crash.
    const raw = `From: ${MAILBOX}\r\nTo: a@example.com\r\nSubject: Hi\r\nMessage-ID: ${job.messageId}\r\n\r\nHi\r\n`;
    expect((await s.t.control('POST', `/mailboxes/${MAILBOX}/messages`, { text: raw, labelIds: ['SENT'] })).status).toBe(201);

    s.t.clock.advance(STALE_AFTER_MS);
    const early = await s.tick();
    expect(early.recovered).toBe(0);
    expect(early.attempts).toEqual([]);

    s.t.clock.advance(1);
    const late = await s.tick();
    expect(late.recovered).toBe(1);
    // The slot was freed too: both messages go in this very tick, the crashed one found in the mailbox, not resent.
    expect(late.attempts.map((attempt) => attempt.result.status)).toEqual(['sent', 'sent']);
    expect(await jobRow(s, job.id)).toMatchObject({ status: 'sent', attempts: 2, verifyBeforeSend: false });
    const copies = await s.sentCopies([MAILBOX]);
    expect(copies.get(job.messageId)).toBe(1);
    expect(copies.size).toBe(2);
    expect(await instanceIds(s)).toEqual([]);
  });

  it("wakes the loop when a dead instance's heartbeat turns stale, not at the next regular tick", async () => {
    const { s, id } = await scenarioWithCampaign();
    const start = s.t.clock.now().getTime();
    await beat(s.t.db, 'crashed', s.t.clock.now());
    await holdingMidSend(s, id, 'crashed');
    const waits: number[] = [];
    const sentAfterMs: number[] = [];
    await runSchedulerLoop(s.engine(), {
      intervalMs: 5_000,
      logger: silentLogger,
      sleep: async (ms) => {
        waits.push(ms);
        s.t.clock.advance(ms);
      },
      shouldContinue: () => sentAfterMs.length === 0,
      onTick: (report) => report.attempts.forEach(() => sentAfterMs.push(s.t.clock.now().getTime() - start)),
    });
    // Ticks at 0, 5 s and 10 s find the heartbeat not yet stale; the next comes as soon as it is.
    expect(waits).toEqual([5_000, 5_000, MIN_WAIT_MS]);
    expect(sentAfterMs).toEqual([10_000 + MIN_WAIT_MS, 10_000 + MIN_WAIT_MS]);
  });

  it("never takes a live instance's job or slot, however long its send takes", async () => {
    const { s, id } = await scenarioWithCampaign();
    await beat(s.t.db, 'alive', s.t.clock.now());
    const job = await holdingMidSend(s, id, 'alive');
    for (let second = 2; second <= 60; second += 2) {
      s.t.clock.advance(2_000);
      await beat(s.t.db, 'alive', s.t.clock.now());
      const report = await s.tick();
      expect(report.recovered).toBe(0);
      expect(report.attempts).toEqual([]);
    }
    expect(await jobRow(s, job.id)).toMatchObject({ status: 'sending', claimedBy: 'alive', attempts: 1 });
    expect(await instanceIds(s)).toEqual(['alive']);
  });

  it("leaves alone a slot another scheduler took after the dead one's hold ran out", async () => {
    const { s, id } = await scenarioWithCampaign();
    await beat(s.t.db, 'crashed', s.t.clock.now());
    const job = await holdingMidSend(s, id, 'crashed');
    // The crashed instance's slot hold ran out (in this test only: the job's lease is longer) and a live scheduler took the slot.
    const takenUntil = new Date(s.t.clock.now().getTime() + 3 * DEFAULT_LEASE_MS);
    await s.t.db.update(gmailAccounts).set({ nextSendAt: takenUntil }).where(eq(gmailAccounts.id, s.accountIds[0]!));

    s.t.clock.advance(STALE_AFTER_MS + 1);
    const report = await s.tick();
    expect(report.recovered).toBe(1);
    expect(report.attempts).toEqual([]);
    const [account] = await s.t.db.select({ nextSendAt: gmailAccounts.nextSendAt }).from(gmailAccounts).where(eq(gmailAccounts.id, s.accountIds[0]!));
    expect(account!.nextSendAt).toEqual(takenUntil);
    expect(await jobRow(s, job.id)).toMatchObject({ status: 'queued', verifyBeforeSend: true, claimedBy: null });
  });

  it('frees the leases of an instance that stops cleanly at once, and deletes its heartbeat', async () => {
    const { s, id } = await scenarioWithCampaign();
    const heartbeat = await startHeartbeat(s.t.db, { id: 'stopping', clock: s.t.clock, logger: silentLogger });
    expect(await instanceIds(s)).toEqual(['stopping']);
    // Left `sending` by a tick that failed half-way.
    const job = await holdingMidSend(s, id, 'stopping');
    await heartbeat.stop();
    expect(await instanceIds(s)).toEqual([]);
    expect(await jobRow(s, job.id)).toMatchObject({ status: 'queued', verifyBeforeSend: true, claimedBy: null });

    // No time passes: the next scheduler sends both at once (Gmail never got the first: the mailbox check finds nothing).
    const report = await s.tick();
    expect(report.attempts.map((attempt) => attempt.result.status)).toEqual(['sent', 'sent']);
    expect((await s.sentCopies([MAILBOX])).size).toBe(2);
  });

  it('gives each Workers cron invocation a heartbeat from its start to its end', async () => {
    const { s } = await scenarioWithCampaign();
    const seen: string[][] = [];
    const run = await runTicksWithinBudget(s.engine({ workerId: 'cron-run' }), {
      budgetMs: 10_000,
      intervalMs: 5_000,
      maxSendsPerTick: 50,
      logger: silentLogger,
      sleep: async (ms) => {
        seen.push(await instanceIds(s));
        s.t.clock.advance(ms);
      },
    });
    expect(run.sent).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    for (const ids of seen) expect(ids).toEqual(['cron-run']);
    expect(await instanceIds(s)).toEqual([]);
  });
});
