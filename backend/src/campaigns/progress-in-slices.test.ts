import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sendJobs } from '../db/schema';
import { turnsDuring } from '../testing/event-loop-turns';
import { seedCampaign } from '../testing/seed-campaign';
import { createTestApp } from '../testing/test-app';
import { closedAfterEach } from '../testing/use-test-app';
import { countJobs, JOB_COUNT_SLICE, lastJobErrors } from './progress-in-slices';

const freshApp = closedAfterEach(createTestApp);
/** `count` pending recipients p1…pN, inserted in one statement. */
async function seedRecipients(t: Awaited<ReturnType<typeof freshApp>>, userId: string, campaignId: string, count: number) {
  await t.client.execute(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
    SELECT '${campaignId}', '${userId}', 'p' || i || '@example.com', 'p' || i || '@example.com', '{}', 'pending', 0 FROM n`);
}

const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();

describe('counting a campaign’s jobs (progress) in slices (issue 17)', () => {
  it('answers the one GROUP BY’s counts for a campaign of more than two slices, pausing between them', async () => {
    const t = await freshApp();
    const { userId, campaignId } = await seedCampaign(t.db, t.clock.now());
    const jobs = JOB_COUNT_SLICE * 2 + 7;
    // Recipients and jobs of every mix: steps, states, accounts and none, spread over the slices.
    await seedRecipients(t, userId, campaignId, jobs);
    await t.client.execute(`
      INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, account_id, due_at, attempts, message_id, created_at)
      SELECT campaign_id, id, user_id, id % 3,
        CASE id % 4 WHEN 0 THEN 'queued' WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' ELSE 'skipped' END,
        CASE id % 5 WHEN 0 THEN NULL ELSE 'acc' || (id % 2) END, 0, 0, '<' || id || '@x>', 0
      FROM recipients WHERE campaign_id = '${campaignId}'`);
    const whole = await t.db
      .select({ step: sendJobs.step, status: sendJobs.status, accountId: sendJobs.accountId, n: sql<number>`count(*)` })
      .from(sendJobs)
      .where(eq(sendJobs.campaignId, campaignId))
      .groupBy(sendJobs.step, sendJobs.status, sendJobs.accountId);

    const { result, turns } = await turnsDuring(countJobs(t.db, campaignId));
    expect(sorted(result)).toEqual(sorted(whole));
    expect(result.reduce((sum, row) => sum + row.n, 0)).toBe(jobs);
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('answers nothing for a campaign without jobs', async () => {
    const t = await freshApp();
    const { campaignId } = await seedCampaign(t.db, t.clock.now());
    expect(await countJobs(t.db, campaignId)).toEqual([]);
  });
});

describe('a campaign’s last errors (progress) in slices (issue 17)', () => {
  it('finds the newest jobs with a reason however far back they are, newest first, at most the limit', async () => {
    const t = await freshApp();
    const { userId, campaignId } = await seedCampaign(t.db, t.clock.now());
    const jobs = JOB_COUNT_SLICE * 2 + 7;
    await seedRecipients(t, userId, campaignId, jobs);
    // Only the first three jobs (the oldest, two slices back) have a reason; a sent one with a reason does not count.
    await t.client.execute(`
      INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, status_reason, due_at, attempts, message_id, created_at)
      SELECT campaign_id, id, user_id, 0, CASE WHEN id <= 2 THEN 'failed' WHEN id = 4 THEN 'sent' ELSE 'queued' END,
        CASE WHEN id <= 3 OR id = 4 THEN 'reason ' || id END, 0, 0, '<' || id || '@x>', 0
      FROM recipients WHERE campaign_id = '${campaignId}' ORDER BY id`);
    const { result, turns } = await turnsDuring(lastJobErrors(t.db, campaignId, 5));
    expect(result.map((row) => [row.email, row.status, row.reason])).toEqual([
      ['p3@example.com', 'queued', 'reason 3'],
      ['p2@example.com', 'failed', 'reason 2'],
      ['p1@example.com', 'failed', 'reason 1'],
    ]);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect((await lastJobErrors(t.db, campaignId, 2)).map((row) => row.email)).toEqual(['p3@example.com', 'p2@example.com']);
  });
});
