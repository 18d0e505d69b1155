import { describe, expect, it } from 'vitest';
import { accountListSchema, gmailAccountSchema } from '../../../shared/schemas/accounts';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { closedAfterEach } from '../testing/use-test-app';

const setup = closedAfterEach(createSandboxedTestApp);
const DAY_MS = 86_400_000;
const RAMP = { startPerDay: 20, increasePerDay: 30, targetPerDay: 500 };

async function connected(address: string) {
  const t = await setup();
  const { agent } = await signedInAgent(t, `owner-${crypto.randomUUID().slice(0, 6)}@example.com`);
  await connectSandboxMailbox(agent, address);
  const { accounts } = await (await agent.get('/api/accounts')).json();
  return { t, agent, id: accounts[0].id as string };
}

async function accountOf(agent: BrowserAgent, id: string) {
  const response = await agent.get(`/api/accounts/${id}`);
  expect(response.status).toBe(200);
  return gmailAccountSchema.parse(await response.json());
}

async function refusedFields(response: Response) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return ((await response.json()) as { errors: Array<{ field: string; message: string }> }).errors;
}

describe('warm-up (issue 18)', () => {
  it('is off for a new account: the daily limit applies, no ramp day', async () => {
    const { agent, id } = await connected('new@gmail.com');
    expect(await accountOf(agent, id)).toMatchObject({ warmup: null, warmupDay: null, effectiveDailyLimit: 400, dailyLimit: 400 });
  });

  it('switched on, starts at day 0 and rises by its step each day up to the target, in the list too', async () => {
    const { t, agent, id } = await connected('ramp@company.example');
    const on = await agent.patch(`/api/accounts/${id}`, { warmup: RAMP });
    expect(on.status).toBe(200);
    expect(gmailAccountSchema.parse(await on.json())).toMatchObject({ warmup: RAMP, warmupDay: 0, effectiveDailyLimit: 20 });
    t.clock.advance(3 * DAY_MS + 60_000);
    expect(await accountOf(agent, id)).toMatchObject({ warmupDay: 3, effectiveDailyLimit: 110 });
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    expect(accounts[0]).toMatchObject({ warmupDay: 3, effectiveDailyLimit: 110 });
    // Changing a figure keeps the day; the ramp stops at the target, and never above the daily limit.
    await agent.patch(`/api/accounts/${id}`, { warmup: { ...RAMP, targetPerDay: 100 } });
    expect(await accountOf(agent, id)).toMatchObject({ warmupDay: 3, effectiveDailyLimit: 100 });
    await agent.patch(`/api/accounts/${id}`, { dailyLimit: 50 });
    expect(await accountOf(agent, id)).toMatchObject({ effectiveDailyLimit: 50 });
    // Off: back to the daily limit; on again: day 0 again.
    await agent.patch(`/api/accounts/${id}`, { warmup: null, dailyLimit: 1800 });
    expect(await accountOf(agent, id)).toMatchObject({ warmup: null, warmupDay: null, effectiveDailyLimit: 1800 });
    await agent.patch(`/api/accounts/${id}`, { warmup: RAMP });
    expect(await accountOf(agent, id)).toMatchObject({ warmupDay: 0, effectiveDailyLimit: 20 });
  });

  it("refuses figures that make no ramp, naming the field, and a target above the account's Google limit", async () => {
    const { agent, id } = await connected('bad@gmail.com');
    const patch = (warmup: unknown) => agent.patch(`/api/accounts/${id}`, { warmup });
    expect((await refusedFields(await patch({ ...RAMP, startPerDay: 0 })))[0]?.field).toBe('warmup.startPerDay');
    expect((await refusedFields(await patch({ ...RAMP, startPerDay: 2.5 })))[0]?.field).toBe('warmup.startPerDay');
    expect((await refusedFields(await patch({ ...RAMP, increasePerDay: -1 })))[0]?.field).toBe('warmup.increasePerDay');
    expect((await refusedFields(await patch({ ...RAMP, startPerDay: 300, targetPerDay: 200 })))[0]).toMatchObject({ field: 'warmup.startPerDay' });
    expect((await refusedFields(await patch({ startPerDay: 20 })))[0]?.field).toMatch(/^warmup\./);
    expect((await refusedFields(await patch({ ...RAMP, extra: 1 })))[0]?.field).toMatch(/^warmup/);
    expect((await refusedFields(await patch('fast'))).map((error) => error.field)).toEqual(['warmup']);
    // A consumer account's Google limit is 500: a 600 target is refused with the reason.
    const tooHigh = await refusedFields(await patch({ ...RAMP, targetPerDay: 600 }));
    expect(tooHigh[0]).toMatchObject({ field: 'warmup.targetPerDay' });
    expect(tooHigh[0]?.message).toContain('500');
    expect(await accountOf(agent, id)).toMatchObject({ warmup: null });
  });

  it("answers 404 for another user's account", async () => {
    const { t, id } = await connected('mine@gmail.com');
    const { agent: other } = await signedInAgent(t, 'other@example.com');
    expect((await other.patch(`/api/accounts/${id}`, { warmup: RAMP })).status).toBe(404);
  });
});
