import { describe, expect, it } from 'vitest';
import { gmailAccountSchema } from '../../../shared/schemas/accounts';
import { fakeClock } from '../lib/clock';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { closedAfterEach } from '../testing/use-test-app';

const setup = closedAfterEach(createSandboxedTestApp);
const DAY_MS = 86_400_000;

async function accountOf(agent: BrowserAgent, id: string) {
  const response = await agent.get(`/api/accounts/${id}`);
  expect(response.status).toBe(200);
  return gmailAccountSchema.parse(await response.json());
}

async function connected(address: string, options: Parameters<typeof setup>[0] = {}) {
  const t = await setup(options);
  const { agent } = await signedInAgent(t, `owner-${crypto.randomUUID().slice(0, 6)}@example.com`);
  await connectSandboxMailbox(agent, address);
  const { accounts } = await (await agent.get('/api/accounts')).json();
  return { t, agent, id: accounts[0].id as string };
}

async function refusedFields(response: Response) {
  expect(response.status).toBe(400);
  const problem = await response.json();
  return problem.errors as Array<{ field: string; message: string }>;
}

describe('account types and daily limits', () => {
  it('a gmail.com address is consumer with a limit below 500; another domain is Workspace below 2,000', async () => {
    const consumer = await connected('kim@gmail.com');
    expect(await accountOf(consumer.agent, consumer.id)).toMatchObject({ type: 'consumer', dailyLimit: 400 });
    const workspace = await connected('kim@company.example');
    expect(await accountOf(workspace.agent, workspace.id)).toMatchObject({ type: 'workspace', dailyLimit: 1800 });
  });

  it("accepts a consumer account's limit at Google's 500 and refuses 501, naming dailyLimit and the reason", async () => {
    const { agent, id } = await connected('lee@gmail.com');
    expect((await agent.patch(`/api/accounts/${id}`, { dailyLimit: 500 })).status).toBe(200);
    const errors = await refusedFields(await agent.patch(`/api/accounts/${id}`, { dailyLimit: 501 }));
    expect(errors).toEqual([{ field: 'dailyLimit', message: expect.stringContaining('Google lets a consumer Gmail account send to about 500 recipients a day') }]);
    expect(await accountOf(agent, id)).toMatchObject({ dailyLimit: 500 });
  });

  it('a Workspace account takes 2,000; as a trial it is held to 500, and switching to trial lowers a higher limit', async () => {
    const { agent, id } = await connected('max@company.example');
    expect((await agent.patch(`/api/accounts/${id}`, { dailyLimit: 2000 })).status).toBe(200);
    const errors = await refusedFields(await agent.patch(`/api/accounts/${id}`, { type: 'workspace_trial', dailyLimit: 600 }));
    expect(errors[0]).toMatchObject({ field: 'dailyLimit', message: expect.stringContaining('Workspace trial account send to about 500') });
    expect(await accountOf(agent, id)).toMatchObject({ type: 'workspace', dailyLimit: 2000 });

    const trial = await agent.patch(`/api/accounts/${id}`, { type: 'workspace_trial' });
    expect(trial.status).toBe(200);
    expect(await trial.json()).toMatchObject({ type: 'workspace_trial', dailyLimit: 400 });
    expect((await agent.patch(`/api/accounts/${id}`, { dailyLimit: 500 })).status).toBe(200);
  });

  it('refuses a type that does not fit the address, saying why', async () => {
    const gmail = await connected('ned@googlemail.com');
    const errors = await refusedFields(await gmail.agent.patch(`/api/accounts/${gmail.id}`, { type: 'workspace' }));
    expect(errors).toEqual([{ field: 'type', message: expect.stringContaining('googlemail.com addresses are consumer Gmail accounts') }]);
    const own = await connected('ned@company.example');
    expect((await refusedFields(await own.agent.patch(`/api/accounts/${own.id}`, { type: 'consumer' })))[0]!.field).toBe('type');
    expect((await refusedFields(await own.agent.patch(`/api/accounts/${own.id}`, { type: 'business' })))[0]!.field).toBe('type');
  });

  it("another user's account is not found, for reading and for changing", async () => {
    const { t, id } = await connected('ola@gmail.com');
    const { agent: stranger } = await signedInAgent(t, 'stranger@example.com');
    expect((await stranger.get(`/api/accounts/${id}`)).status).toBe(404);
    expect((await stranger.patch(`/api/accounts/${id}`, { type: 'consumer', dailyLimit: 10 })).status).toBe(404);
  });
});

describe('a refresh token refused about 7 days after it was granted', () => {
  // Access tokens that live a second, so the Google library refreshes at the next call (see
  // accounts-api.test.ts); the sandbox then refuses the refresh token as Google does.
  async function refusedAfter(ms: number) {
    const { t, agent, id } = await connected('pat@gmail.com', { accessTokenTtlMs: 1000, sandboxClock: fakeClock(new Date()) });
    t.clock.advance(ms);
    await t.control('POST', '/faults', { operation: 'token', status: 400, reason: 'invalid_grant', count: 1 });
    const response = await agent.post(`/api/accounts/${id}/check`);
    expect(response.status).toBe(200);
    return gmailAccountSchema.parse(await response.json());
  }

  it('says the OAuth client is probably in Testing status and how to fix it', async () => {
    const account = await refusedAfter(7 * DAY_MS + 60_000);
    expect(account.status).toBe('needs_reconnect');
    expect(account.statusReason).toMatch(/probably in Testing status/);
    expect(account.statusReason).toMatch(/In production/);
  });

  it('gives the plain reason when it happens on another day', async () => {
    const account = await refusedAfter(2 * DAY_MS);
    expect(account.status).toBe('needs_reconnect');
    expect(account.statusReason).not.toMatch(/Testing/);
    expect(account.statusReason).toMatch(/Connect the account again/);
  });
});
