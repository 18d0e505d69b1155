import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';
import { completeFinishedCampaigns, pauseWithReason, promoteScheduledCampaigns } from './campaign-state-machine';

let t: SandboxedTestApp;
let agent: BrowserAgent;
let accountId: string;
beforeEach(async () => {
  t = await createSandboxedTestApp();
  ({ agent } = await signedInAgent(t, `user-${crypto.randomUUID().slice(0, 6)}@example.com`));
  await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=UTC' });
  accountId = (await (await agent.get('/api/accounts')).json()).accounts[0].id;
});
afterEach(() => t.close());

/** A campaign with two recipients, launched when `startAt` is given (null: starts now). */
async function campaign(launch: { startAt: string | null } | false) {
  const created = await agent.post('/api/campaigns', {
    name: 'Spring launch',
    subject: 'Hi',
    html: '<p>Hi</p>',
    accountIds: [accountId],
    ...(launch ? { schedule: { startAt: launch.startAt } } : {}),
  });
  const { id } = await created.json();
  await agent.post(`/api/campaigns/${id}/recipients`, { recipients: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
  if (launch) expect((await agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
  return id as string;
}

const stateOf = async (id: string) => {
  const { status, statusReason } = await (await agent.get(`/api/campaigns/${id}`)).json();
  return { status, statusReason };
};

describe("the user's moves", () => {
  it('refuse a move from the wrong state with 409, naming the states it starts from', async () => {
    const draft = await campaign(false);
    const refusals = [];
    for (const move of ['pause', 'resume', 'cancel']) {
      const response = await agent.post(`/api/campaigns/${draft}/${move}`);
      const problem = await response.json();
      // RFC 9457: the problem's `status` is the HTTP status; the campaign's state has a member of its own.
      expect(problem).toMatchObject({ status: 409, campaignStatus: 'draft' });
      refusals.push([response.status, problem.detail]);
    }
    expect(refusals).toEqual([
      [409, 'The campaign is draft; only a scheduled or sending campaign can be paused.'],
      [409, 'The campaign is draft; only a paused campaign can be resumed.'],
      [409, 'The campaign is draft; only a scheduled, sending or paused campaign can be cancelled.'],
    ]);
    const sending = await campaign({ startAt: null });
    const again = await agent.post(`/api/campaigns/${sending}/launch`, {});
    expect([again.status, (await again.json()).detail]).toEqual([409, 'The campaign is sending; only a draft campaign can be launched.']);
  });

  it('launch answering with the finish estimate the preflight gave just before (one estimate, made after the jobs are written)', async () => {
    const { id } = await (
      await agent.post('/api/campaigns', { name: 'Big', subject: 'Hi', html: '<p>Hi</p>', accountIds: [accountId], followUps: [{ delayHours: 48, html: '<p>Again</p>', condition: 'always' }] })
    ).json();
    // 1,500 recipients and their follow-ups: 3,000 messages, more than one slice of the simulation.
    const people = Array.from({ length: 1_500 }, (_, i) => ({ email: `p${i}@example.com` }));
    expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients: people })).status).toBe(201);
    const { timing } = await (await agent.get(`/api/campaigns/${id}/preflight`)).json();
    expect(timing.lastMessageAt).toMatch(/^2026-03-/);
    const launched = await agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    // The clock stands still: the progress's plan from the queued jobs is the preflight's to the millisecond.
    expect((await launched.json()).progress.expectedFinishAt).toBe(timing.lastMessageAt);
  });

  it('launch a campaign whose start is ahead as scheduled, and resume it as scheduled too', async () => {
    const id = await campaign({ startAt: '2026-03-05T09:00:00Z' });
    expect(await stateOf(id)).toEqual({ status: 'scheduled', statusReason: null });
    await agent.post(`/api/campaigns/${id}/pause`);
    expect((await (await agent.post(`/api/campaigns/${id}/resume`)).json()).status).toBe('scheduled');
  });
});

describe("the engine's moves", () => {
  it('promote a scheduled campaign once its start has come, and only then', async () => {
    const id = await campaign({ startAt: '2026-03-02T12:00:00Z' });
    expect(await promoteScheduledCampaigns(t.db, t.clock.now())).toEqual([]);
    t.clock.advance(2 * 3_600_000);
    expect(await promoteScheduledCampaigns(t.db, t.clock.now())).toEqual([id]);
    expect((await stateOf(id)).status).toBe('sending');
  });

  it('pause with a reason the user reads, only a campaign that is scheduled or sending', async () => {
    const draft = await campaign(false);
    const sending = await campaign({ startAt: null });
    expect(await pauseWithReason(t.db, { id: draft }, 'Gmail refused the account', t.clock.now())).toBe(false);
    expect(await pauseWithReason(t.db, { id: sending }, 'Gmail refused the account', t.clock.now())).toBe(true);
    expect(await stateOf(draft)).toEqual({ status: 'draft', statusReason: null });
    expect(await stateOf(sending)).toEqual({ status: 'paused', statusReason: 'Gmail refused the account' });
    // Already paused: the first reason stays.
    expect(await pauseWithReason(t.db, { id: sending }, 'Another reason', t.clock.now())).toBe(false);
    expect((await stateOf(sending)).statusReason).toBe('Gmail refused the account');
  });

  it('complete a sending campaign only when nothing is queued or in flight', async () => {
    const id = await campaign({ startAt: null });
    expect(await completeFinishedCampaigns(t.db, t.clock.now())).toEqual([]);
    await t.client.execute({ sql: `UPDATE send_jobs SET status = 'sent' WHERE campaign_id = ?`, args: [id] });
    expect(await completeFinishedCampaigns(t.db, t.clock.now())).toEqual([id]);
    expect((await stateOf(id)).status).toBe('completed');
  });
});
