import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../backend/src/db/schema';
import { openDatabase } from '../../backend/src/db/open-database';
import { DAY_MS } from '../../backend/src/limits/daily-limits';
import { seedSentJobs } from '../../backend/src/testing/seed-sent-jobs';
import { startWorkerStack, type WorkerStack } from './support/worker-stack';

/**
 * The retention periods on Cloudflare: the Cron Trigger's scheduled() applies them over the libsql
 * server, as the Node timer does over the embedded file (backend/src/privacy/retention/).
 */

let stack: WorkerStack;
beforeAll(async () => {
  // One tick per cron run.
  stack = await startWorkerStack({ SCHEDULER_BUDGET_MS: '0' });
});
afterAll(() => stack?.close());

it('applies the retention periods from a cron run over the libsql server, once a day', async () => {
  const { db, client } = await openDatabase({ url: stack.sqld.url });
  try {
    // The Worker reads the real time: ages in days are far from any second of drift.
    const now = Date.now();
    const { userId, campaignId } = await seedSentJobs(db, { now: new Date(now - 500 * DAY_MS), count: 1 });
    for (const age of [400, 40, 1]) {
      await db.run(sql`
        INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, machine, ip_address, user_agent, occurred_at)
        SELECT campaign_id, recipient_id, id, 0, 'open', 0, '198.51.100.7', 'Mozilla/5.0', ${now - age * DAY_MS} FROM send_jobs WHERE campaign_id = ${campaignId}`);
    }
    // A second user who has finished campaigns' recipients deleted after 30 days: their send jobs and links go by cascade.
    const finished = await seedSentJobs(db, { now: new Date(now - 500 * DAY_MS), count: 2, links: ['https://example.com/a'] });
    await db.run(sql`UPDATE campaigns SET status = 'completed', updated_at = ${now - 40 * DAY_MS} WHERE id = ${finished.campaignId}`);
    await db.run(sql`UPDATE users SET finished_campaign_recipients_days = 30 WHERE id = ${finished.userId}`);
    const held = async (table: string) =>
      Number((await client.execute({ sql: `SELECT count(*) AS n FROM ${table} WHERE campaign_id = ?`, args: [finished.campaignId] })).rows[0]!.n);
    const links = async () =>
      Number((await client.execute({ sql: 'SELECT count(*) AS n FROM job_links WHERE job_id IN (?, ?)', args: finished.jobs.map((job) => job.jobId) })).rows[0]!.n);
    expect([await held('recipients'), await held('send_jobs'), await links()]).toEqual([2, 2, 2]);
    const events = () => db.all<{ ip_address: string | null; user_agent: string | null }>(
      sql`SELECT ip_address, user_agent FROM tracking_events WHERE campaign_id = ${campaignId} ORDER BY occurred_at`,
    );

    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect(await events()).toEqual([
      { ip_address: null, user_agent: null },
      { ip_address: '198.51.100.7', user_agent: 'Mozilla/5.0' },
    ]);
    expect([await held('recipients'), await held('send_jobs'), await links()]).toEqual([0, 0, 0]);
    const audited = await db.select().from(auditLog).where(eq(auditLog.userId, userId));
    expect(audited.map((entry) => [entry.actor, entry.action, entry.detail])).toEqual([
      ['system', 'retention.applied', { trackingEventsDeleted: 1, ipAddressesRemoved: 1, recipientsDeleted: 0, recipientFilesDeleted: 0, campaignsEmptied: 0 }],
    ]);

    // The next minute's run: the job ran today, nothing more is removed or recorded.
    await db.run(sql`UPDATE tracking_events SET ip_address = '198.51.100.8' WHERE campaign_id = ${campaignId} AND ip_address IS NULL`);
    expect((await stack.worker.scheduled()).outcome).toBe('ok');
    expect((await events())[0]).toEqual({ ip_address: '198.51.100.8', user_agent: null });
    expect(await db.select().from(auditLog).where(eq(auditLog.userId, userId))).toHaveLength(1);
  } finally {
    client.close();
  }
});
