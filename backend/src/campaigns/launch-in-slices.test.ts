import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaigns, recipients, sendJobs } from '../db/schema';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';
import { LAUNCH_SLICE_RECIPIENTS } from './campaign-state-machine';
import { turnsDuring } from '../testing/event-loop-turns';

let t: SandboxedTestApp;
let agent: BrowserAgent;
let accountId: string;
beforeEach(async () => {
  t = await createSandboxedTestApp();
  ({ agent } = await signedInAgent(t, 'launcher@example.com'));
  await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=UTC' });
  accountId = (await (await agent.get('/api/accounts')).json()).accounts[0].id;
});
afterEach(() => t.close());

/** A draft with more recipients than two slices of a launch, one of them suppressed since the import. */
const RECIPIENTS = LAUNCH_SLICE_RECIPIENTS * 2 + 25;
async function bigDraft() {
  const { id } = await (await agent.post('/api/campaigns', { name: 'Big', subject: 'Hi', html: '<p>Hi</p>', accountIds: [accountId] })).json();
  const csv = ['email', ...Array.from({ length: RECIPIENTS }, (_, i) => `p${i}@example.com`)].join('\n');
  expect((await agent.request('POST', `/api/campaigns/${id}/recipients/import`, { body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
  expect((await agent.post('/api/suppressions', { email: `p${LAUNCH_SLICE_RECIPIENTS + 3}@example.com` })).status).toBeLessThan(300);
  return id as string;
}

const jobsOf = async (id: string) => (await t.db.select({ n: sql<number>`count(*)` }).from(sendJobs).where(eq(sendJobs.campaignId, id)))[0]!.n;
const campaignRow = async (id: string) => (await t.db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!;


describe('launching a large campaign (issue 17)', () => {
  it('queues one job per pending recipient in slices, letting other work run, then starts sending', async () => {
    const id = await bigDraft();
    const { result, turns } = await turnsDuring(agent.post(`/api/campaigns/${id}/launch`, {}));
    expect(result.status).toBe(200);
    expect((await result.json()).status).toBe('sending');
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(await jobsOf(id)).toBe(RECIPIENTS - 1);
    const skipped = await t.db.select({ email: recipients.email, reason: recipients.statusReason }).from(recipients).where(and(eq(recipients.campaignId, id), eq(recipients.status, 'skipped')));
    expect(skipped).toEqual([{ email: `p${LAUNCH_SLICE_RECIPIENTS + 3}@example.com`, reason: 'On your suppression list' }]);
    // Every job is for step 0, due now, with the Message-ID of its recipient: none twice.
    const [distinct] = await t.db.all<{ n: number }>(sql`SELECT count(DISTINCT message_id) AS n FROM send_jobs WHERE campaign_id = ${id} AND step = 0`);
    expect(distinct!.n).toBe(RECIPIENTS - 1);
  });

  it('leaves a draft with no job when a batch fails half-way, and launches whole afterwards', async () => {
    const id = await bigDraft();
    // A failure in the second slice, after the first one's jobs were written.
    await t.client.execute(`
      CREATE TRIGGER fail_launch BEFORE INSERT ON send_jobs
      WHEN NEW.recipient_id = (SELECT id FROM recipients WHERE email_key = 'p${LAUNCH_SLICE_RECIPIENTS + 10}@example.com')
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const failed = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(failed.status).toBe(500);
    const after = await campaignRow(id);
    expect({ status: after.status, launchedAt: after.launchedAt }).toEqual({ status: 'draft', launchedAt: null });
    expect(await jobsOf(id)).toBe(0);

    await t.client.execute('DROP TRIGGER fail_launch');
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    expect(await jobsOf(id)).toBe(RECIPIENTS - 1);
  });

  it('writes anew the jobs an interrupted launch left on a draft (a crash between two slices)', async () => {
    const id = await bigDraft();
    // What a process killed after the first slice leaves: the draft stamped, some jobs queued.
    await t.db.run(sql`UPDATE campaigns SET launched_at = 1 WHERE id = ${id}`);
    await t.db.run(sql`INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
      SELECT campaign_id, id, user_id, 0, 'queued', 1, 0, 'stale-' || id, 1 FROM recipients WHERE campaign_id = ${id} ORDER BY id LIMIT 100`);
    // The engine never takes them: the campaign is not sending.
    expect((await campaignRow(id)).status).toBe('draft');
    expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
    expect(await jobsOf(id)).toBe(RECIPIENTS - 1);
    const [stale] = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ${id} AND message_id LIKE 'stale-%'`);
    expect(stale!.n).toBe(0);
  });

  it('launches once when two launches run at once', async () => {
    const id = await bigDraft();
    const answers = await Promise.all([agent.post(`/api/campaigns/${id}/launch`, {}), agent.post(`/api/campaigns/${id}/launch`, {})]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await campaignRow(id)).status).toBe('sending');
    expect(await jobsOf(id)).toBe(RECIPIENTS - 1);
  });
});
