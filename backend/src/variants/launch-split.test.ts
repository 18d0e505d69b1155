import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAUNCH_SLICE_RECIPIENTS } from '../campaigns/campaign-state-machine';
import { campaigns, sendJobs } from '../db/schema';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';
import { AB_HELD_DUE_AT, firstMessageVariant } from './variant-split';

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

/** More recipients than two slices of a launch, one suppressed since the import (in the second slice). */
const RECIPIENTS = LAUNCH_SLICE_RECIPIENTS * 2 + 25;
const AB_TEST = { metric: 'replies', testPercent: 10, waitHours: 24 } as const;

async function draftWithTest() {
  const { id } = await (await agent.post('/api/campaigns', { name: 'Big', subject: 'A', html: '<p>A</p>', accountIds: [accountId] })).json();
  await t.db
    .update(campaigns)
    .set({ variants: [{ subject: 'A', html: '<p>A</p>' }, { subject: 'B', html: '<p>B</p>' }, { subject: 'C', html: '<p>C</p>' }], abTest: AB_TEST })
    .where(eq(campaigns.id, id));
  const csv = ['email', ...Array.from({ length: RECIPIENTS }, (_, i) => `p${i}@example.com`)].join('\n');
  expect((await agent.request('POST', `/api/campaigns/${id}/recipients/import`, { body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
  expect((await agent.post('/api/suppressions', { email: `p${LAUNCH_SLICE_RECIPIENTS + 3}@example.com` })).status).toBeLessThan(300);
  return id as string;
}

describe('the split written at launch', () => {
  it('numbers the first messages on through the slices, after a crash too, with the test share split and the rest held', async () => {
    const id = await draftWithTest();
    // What a process killed after the first slice leaves: the draft stamped, jobs with keys of its own.
    await t.db.run(sql`UPDATE campaigns SET launched_at = 1 WHERE id = ${id}`);
    await t.db.run(sql`INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at, split_key, variant)
      SELECT campaign_id, id, user_id, 0, 'queued', 1, 0, 'stale-' || id, 1, 7, 2 FROM recipients WHERE campaign_id = ${id} ORDER BY id LIMIT 100`);
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    const launchedAt = t.clock.now().getTime();

    const jobs = await t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id)).orderBy(asc(sendJobs.recipientId));
    expect(jobs).toHaveLength(RECIPIENTS - 1);
    // 0, 1, 2… in recipient order, the suppressed one left out: no gap, no repeat, across three slices.
    expect(jobs.map((job) => job.splitKey)).toEqual([...Array(RECIPIENTS - 1).keys()]);
    for (const job of jobs) {
      const expected = firstMessageVariant(job.splitKey!, 3, AB_TEST);
      expect({ variant: job.variant, dueAt: job.dueAt.getTime() }).toEqual(
        expected === 'held' ? { variant: null, dueAt: AB_HELD_DUE_AT } : { variant: expected, dueAt: launchedAt },
      );
    }
    const tested = jobs.filter((job) => job.variant !== null);
    expect(tested).toHaveLength(Math.ceil((RECIPIENTS - 1) * 0.1));
    expect([0, 1, 2].map((v) => tested.filter((job) => job.variant === v).length)).toEqual([68, 68, 67]);
  });
});
