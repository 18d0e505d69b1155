import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../backend/src/testing/sandboxed-test-app';
import { expectIsolated } from '../../backend/src/testing/tenant-isolation';

/**
 * One case per kind of resource a user owns. Every feature that adds owned resources adds its
 * routes here.
 */
let t: SandboxedTestApp;
beforeAll(async () => {
  t = await createSandboxedTestApp();
});
afterAll(() => t.close());

describe('another user sees 404 on every route of a resource they do not own', () => {
  it('API tokens', async () => {
    await expectIsolated(t, {
      create: async (owner) => (await (await owner.post('/api/tokens', { name: 'owner token' })).json()) as { id: string },
      routes: ({ id }) => [{ method: 'DELETE', path: `/api/tokens/${id}` }],
      unchanged: async (owner, { id }) => {
        const { tokens } = await (await owner.get('/api/tokens')).json();
        expect(tokens.map((token: { id: string }) => token.id)).toEqual([id]);
      },
    });
  });

  it('Gmail accounts', async () => {
    await expectIsolated(t, {
      create: async (owner) => {
        await connectSandboxMailbox(owner, `isolated-${crypto.randomUUID().slice(0, 6)}@gmail.com`);
        const { accounts } = await (await owner.get('/api/accounts')).json();
        return { id: accounts[0].id as string };
      },
      routes: ({ id }) => [
        { method: 'GET', path: `/api/accounts/${id}` },
        { method: 'PATCH', path: `/api/accounts/${id}`, json: { dailyLimit: 1 } },
        { method: 'POST', path: `/api/accounts/${id}/check` },
        { method: 'DELETE', path: `/api/accounts/${id}` },
      ],
      unchanged: async (owner, { id }) => {
        const response = await owner.get(`/api/accounts/${id}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ dailyLimit: 400, status: 'ok' });
      },
    });
  });
});
