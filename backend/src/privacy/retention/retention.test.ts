import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, campaigns, users } from '../../db/schema';
import { DAY_MS } from '../../limits/daily-limits';
import { silentLogger } from '../../lib/logger';
import { seedSentJobs } from '../../testing/seed-sent-jobs';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { runRetentionIfDue, runRetentionPass, type RetentionDeps, type RetentionLimits } from './run-retention';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const scheduler = (workerId = 'node-a'): RetentionDeps => ({ db: t.db, clock: t.clock, logger: silentLogger, workerId, leaseMs: 120_000 });
const daysAgo = (days: number) => t.clock.now().getTime() - days * DAY_MS;

/** A user whose campaign (created 500 days ago) sent to `people` recipients, each with one event per age in `eventAges` (days). */
async function userWithEvents(eventAges: number[], people = 1) {
  const seeded = await seedSentJobs(t.db, { now: new Date(daysAgo(500)), count: people, links: ['https://example.com/a'] });
  for (const age of eventAges) {
    await t.db.run(sql`
      INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, machine, ip_address, user_agent, occurred_at)
      SELECT campaign_id, recipient_id, id, 0, 'open', 0, '198.51.100.7', 'Mozilla/5.0', ${daysAgo(age)} FROM send_jobs WHERE campaign_id = ${seeded.campaignId}`);
  }
  return seeded;
}

/** The campaign's events, oldest first, as their age in days and what they still hold. */
async function eventsOf(campaignId: string) {
  const rows = await t.db.all<{ occurred_at: number; ip_address: string | null; user_agent: string | null }>(
    sql`SELECT occurred_at, ip_address, user_agent FROM tracking_events WHERE campaign_id = ${campaignId} ORDER BY occurred_at, id`,
  );
  return rows.map((row) => ({ age: Math.round((t.clock.now().getTime() - Number(row.occurred_at)) / DAY_MS), ip: row.ip_address, agent: row.user_agent }));
}

const count = async (query: ReturnType<typeof sql>) => Number((await t.db.all<{ n: number }>(query))[0]!.n);
const auditOf = (userId: string) => t.db.select().from(auditLog).where(eq(auditLog.userId, userId));

async function passUntilComplete(limits: RetentionLimits) {
  const passes = [];
  for (;;) {
    const pass = await runRetentionPass(scheduler(), limits);
    passes.push(pass);
    if (!pass.ran || pass.complete || passes.length > 50) return passes;
  }
}

describe('the retention job', () => {
  it('deletes events past the period, strips the IP and user agent of those past the IP period, keeps fresh ones whole', async () => {
    const { userId, campaignId } = await userWithEvents([400, 396, 394, 100, 31, 29, 1]);
    const pass = await runRetentionPass(scheduler());
    expect(pass).toMatchObject({ ran: true, complete: true });
    // Defaults: events 395 days (13 months), IP addresses 30 days.
    expect(await eventsOf(campaignId)).toEqual([
      { age: 394, ip: null, agent: null },
      { age: 100, ip: null, agent: null },
      { age: 31, ip: null, agent: null },
      { age: 29, ip: '198.51.100.7', agent: 'Mozilla/5.0' },
      { age: 1, ip: '198.51.100.7', agent: 'Mozilla/5.0' },
    ]);
    const [entry, ...more] = await auditOf(userId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: 'system',
      action: 'retention.applied',
      detail: { trackingEventsDeleted: 2, ipAddressesRemoved: 3, recipientsDeleted: 0, recipientFilesDeleted: 0, campaignsEmptied: 0 },
    });
  });

  it('drops the IP address of failed sign-ins in the audit log after the IP period, keeping the entry', async () => {
    const { userId } = await userWithEvents([]);
    const entry = (age: number) => ({ userId, occurredAt: new Date(daysAgo(age)), actor: 'anonymous' as const, action: 'auth.sign_in_failed', ipAddress: '192.0.2.9' });
    await t.db.insert(auditLog).values([entry(31), entry(29)]);
    await runRetentionPass(scheduler());
    const failed = (await auditOf(userId)).filter((row) => row.action === 'auth.sign_in_failed');
    expect(failed.map((row) => row.ipAddress)).toEqual([null, '192.0.2.9']);
  });

  it('runs once a day: a second pass within 24 hours does nothing, the next day it runs again', async () => {
    const { campaignId } = await userWithEvents([400]);
    expect(await runRetentionPass(scheduler())).toMatchObject({ ran: true, complete: true });
    // New old data (an event recorded late, or a shorter period): it waits for the next day's run.
    await userWithEvents([400]).then(async (other) => expect(await eventsOf(other.campaignId)).toHaveLength(1));
    t.clock.advance(23 * 60 * 60_000);
    const early = await runRetentionPass(scheduler('node-b'));
    expect(early).toEqual({ ran: false, nextCheckAt: new Date(daysAgo(0) + 60 * 60_000) });
    expect(await count(sql`SELECT count(*) AS n FROM tracking_events`)).toBe(1);
    t.clock.advance(60 * 60_000);
    expect(await runRetentionPass(scheduler('node-b'))).toMatchObject({ ran: true, complete: true });
    expect(await count(sql`SELECT count(*) AS n FROM tracking_events`)).toBe(0);
    expect(await eventsOf(campaignId)).toEqual([]);
  });

  it('deletes once when two schedulers run it at the same moment (a Worker cron beside a Node timer)', async () => {
    const { userId } = await userWithEvents([400, 100, 1], 3);
    const passes = await Promise.all([runRetentionPass(scheduler('node-a')), runRetentionPass(scheduler('worker-b'))]);
    expect(passes.filter((pass) => pass.ran)).toHaveLength(1);
    const removed = passes.flatMap((pass) => (pass.ran ? pass.removed : []));
    expect(removed).toEqual([{ userId, counts: { trackingEventsDeleted: 3, ipAddressesRemoved: 3, recipientsDeleted: 0, recipientFilesDeleted: 0, campaignsEmptied: 0 } }]);
    expect(await auditOf(userId)).toHaveLength(1);
  });

  it('applies each user\'s own periods', async () => {
    const keeper = await userWithEvents([100, 20]);
    const strict = await userWithEvents([100, 20, 5]);
    await t.db.update(users).set({ trackingEventsDays: 60, ipAddressDays: 7 }).where(eq(users.id, strict.userId));
    await runRetentionPass(scheduler());
    expect(await eventsOf(keeper.campaignId)).toEqual([
      { age: 100, ip: null, agent: null },
      { age: 20, ip: '198.51.100.7', agent: 'Mozilla/5.0' },
    ]);
    expect(await eventsOf(strict.campaignId)).toEqual([
      { age: 20, ip: null, agent: null },
      { age: 5, ip: '198.51.100.7', agent: 'Mozilla/5.0' },
    ]);
  });

  it('processes more rows than one batch, across passes when a pass\'s budget runs out', async () => {
    const { userId, campaignId } = await userWithEvents([400, 399, 100, 99], 5);
    // 10 events to delete and 10 to strip, 3 rows a statement (3+3+3+1 each), 2 statements a pass.
    const passes = await passUntilComplete({ batchSize: 3, batchesPerPass: 2 });
    expect(passes.map((pass) => pass.ran && pass.complete)).toEqual([false, false, false, true]);
    // A pass with work left asks to be run again at once (the next tick), not the next day.
    expect(passes[0]!.nextCheckAt).toEqual(t.clock.now());
    expect(await eventsOf(campaignId)).toEqual(Array.from({ length: 10 }, (_, i) => ({ age: i < 5 ? 100 : 99, ip: null, agent: null })));
    const entries = await auditOf(userId);
    const total = (key: string) => entries.reduce((sum, entry) => sum + Number(entry.detail?.[key] ?? 0), 0);
    expect([total('trackingEventsDeleted'), total('ipAddressesRemoved')]).toEqual([10, 10]);
    expect(await runRetentionPass(scheduler())).toMatchObject({ ran: false });
  });

  it('with no limit but the batch size, one pass goes through every batch', async () => {
    const { campaignId } = await userWithEvents([400, 100], 7);
    expect(await runRetentionPass(scheduler(), { batchSize: 2 })).toMatchObject({ ran: true, complete: true });
    expect(await eventsOf(campaignId)).toEqual(Array.from({ length: 7 }, () => ({ age: 100, ip: null, agent: null })));
  });
});

describe('recipients of finished campaigns', () => {
  async function finished(status: 'completed' | 'cancelled' | 'sending', daysSinceChange: number, days: number | null) {
    const seeded = await userWithEvents([daysSinceChange + 1], 2);
    await t.db.update(campaigns).set({ status, updatedAt: new Date(daysAgo(daysSinceChange)) }).where(eq(campaigns.id, seeded.campaignId));
    await t.db.update(users).set({ finishedCampaignRecipientsDays: days }).where(eq(users.id, seeded.userId));
    return seeded;
  }
  const held = async (campaignId: string) => ({
    recipients: await count(sql`SELECT count(*) AS n FROM recipients WHERE campaign_id = ${campaignId}`),
    jobs: await count(sql`SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ${campaignId}`),
    links: await count(sql`SELECT count(*) AS n FROM job_links WHERE job_id IN (SELECT id FROM send_jobs WHERE campaign_id = ${campaignId})`),
    events: await count(sql`SELECT count(*) AS n FROM tracking_events WHERE campaign_id = ${campaignId}`),
  });

  it('are kept by default, however long ago the campaign finished', async () => {
    const { campaignId } = await finished('completed', 300, null);
    await runRetentionPass(scheduler());
    expect(await held(campaignId)).toEqual({ recipients: 2, jobs: 2, links: 2, events: 2 });
  });

  it('are deleted with their jobs, links and events once the period has passed; the campaign stays and says when', async () => {
    const old = await finished('completed', 40, 30);
    const cancelled = await finished('cancelled', 31, 30);
    const recent = await finished('completed', 20, 30);
    const running = await finished('sending', 40, 30);
    await runRetentionPass(scheduler());
    expect(await held(old.campaignId)).toEqual({ recipients: 0, jobs: 0, links: 0, events: 0 });
    expect(await held(cancelled.campaignId)).toEqual({ recipients: 0, jobs: 0, links: 0, events: 0 });
    expect(await held(recent.campaignId)).toEqual({ recipients: 2, jobs: 2, links: 2, events: 2 });
    expect(await held(running.campaignId)).toEqual({ recipients: 2, jobs: 2, links: 2, events: 2 });
    const [kept] = await t.db.select().from(campaigns).where(eq(campaigns.id, old.campaignId));
    expect(kept?.recipientsDeletedAt).toEqual(t.clock.now());
    const [entry] = await auditOf(old.userId);
    expect(entry?.detail).toEqual({ trackingEventsDeleted: 2, ipAddressesRemoved: 0, recipientsDeleted: 2, recipientFilesDeleted: 0, campaignsEmptied: 1 });
  });

  /** Files of the campaign as the upload route stores them; `shared: false` ones are named by a recipient's column. */
  async function withFiles(seeded: { userId: string; campaignId: string }, files: { name: string; shared: boolean }[]) {
    for (const file of files) {
      await t.db.run(sql`
        INSERT INTO campaign_attachments (id, user_id, campaign_id, filename, content_type, size, sha256, shared, data, created_at)
        VALUES (${`att_${seeded.campaignId}_${file.name}`}, ${seeded.userId}, ${seeded.campaignId}, ${file.name}, 'application/pdf', 3, 'ab', ${file.shared ? 1 : 0}, ${Buffer.from('pdf')}, ${daysAgo(500)})`);
    }
  }
  const fileNames = async (campaignId: string) =>
    (await t.db.all<{ filename: string }>(sql`SELECT filename FROM campaign_attachments WHERE campaign_id = ${campaignId} ORDER BY filename`)).map((row) => row.filename);

  it("take their own files with them; the campaign's shared files stay, and the audit entry counts what went", async () => {
    const old = await finished('completed', 40, 30);
    const recent = await finished('completed', 20, 30);
    await withFiles(old, [{ name: 'brochure.pdf', shared: true }, { name: 'invoice-ada-lovelace.pdf', shared: false }, { name: 'invoice-bo.pdf', shared: false }]);
    await withFiles(recent, [{ name: 'invoice-cy.pdf', shared: false }]);
    // 1 file a statement, 2 statements a pass: the files go across passes, the campaign is marked only once they are gone.
    const passes = await passUntilComplete({ batchSize: 1, batchesPerPass: 2 });
    expect(passes.at(-1)).toMatchObject({ ran: true, complete: true });
    expect(await fileNames(old.campaignId)).toEqual(['brochure.pdf']);
    expect(await fileNames(recent.campaignId)).toEqual(['invoice-cy.pdf']);
    const entries = await auditOf(old.userId);
    const total = (key: string) => entries.reduce((sum, entry) => sum + Number(entry.detail?.[key] ?? 0), 0);
    expect([total('recipientsDeleted'), total('recipientFilesDeleted'), total('campaignsEmptied')]).toEqual([2, 2, 1]);
    const bytes = JSON.stringify((await t.client.execute('SELECT * FROM campaign_attachments')).rows);
    expect(bytes).not.toContain('ada-lovelace');
  });

  it('also removes the per-recipient files a campaign emptied earlier still holds', async () => {
    const old = await finished('cancelled', 40, 30);
    await runRetentionPass(scheduler());
    // A campaign emptied before its recipients' files went with them.
    await withFiles(old, [{ name: 'shared.pdf', shared: true }, { name: 'own.pdf', shared: false }]);
    t.clock.advance(DAY_MS);
    expect(await runRetentionPass(scheduler())).toMatchObject({ ran: true, complete: true, removed: [{ userId: old.userId, counts: expect.objectContaining({ recipientFilesDeleted: 1 }) }] });
    expect(await fileNames(old.campaignId)).toEqual(['shared.pdf']);
  });
});

describe('on the scheduler tick', () => {
  it('asks the database once a day, not every tick', async () => {
    const { campaignId } = await userWithEvents([400]);
    expect(await runRetentionIfDue(scheduler())).toMatchObject({ ran: true });
    // Another scheduler's row vanishing would make a check run the job again: this process does not check.
    await t.db.run(sql`DELETE FROM daily_jobs`);
    await userWithEvents([400]);
    t.clock.advance(DAY_MS - 1);
    expect(await runRetentionIfDue(scheduler())).toBeNull();
    expect(await count(sql`SELECT count(*) AS n FROM daily_jobs`)).toBe(0);
    t.clock.advance(1);
    expect(await runRetentionIfDue(scheduler())).toMatchObject({ ran: true, complete: true });
    expect(await count(sql`SELECT count(*) AS n FROM tracking_events`)).toBe(0);
    expect(await eventsOf(campaignId)).toEqual([]);
  });
});
