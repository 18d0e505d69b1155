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

  it('suppressed addresses', async () => {
    await expectIsolated(t, {
      create: async (owner) => {
        await owner.post('/api/suppressions', { email: 'private-optout@example.com' });
        return { email: 'private-optout@example.com' };
      },
      routes: ({ email }) => [{ method: 'DELETE', path: `/api/suppressions/${email}` }],
      unchanged: async (owner) => {
        const { suppressions } = await (await owner.get('/api/suppressions')).json();
        expect(suppressions.map((s: { email: string }) => s.email)).toEqual(['private-optout@example.com']);
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

  it('campaigns and their recipients', async () => {
    await expectIsolated(t, {
      create: async (owner) => {
        const campaign = await (await owner.post('/api/campaigns', { name: 'Private', subject: 'Hi', html: '<p>Hi</p>' })).json();
        await owner.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'secret@example.com' }] });
        const { recipients } = await (await owner.get(`/api/campaigns/${campaign.id}/recipients`)).json();
        return { id: campaign.id as string, rid: recipients[0].id as string };
      },
      routes: ({ id, rid }) => [
        { method: 'GET', path: `/api/campaigns/${id}` },
        { method: 'PATCH', path: `/api/campaigns/${id}`, json: { name: 'Stolen' } },
        { method: 'POST', path: `/api/campaigns/${id}/duplicate` },
        { method: 'GET', path: `/api/campaigns/${id}/preflight` },
        { method: 'POST', path: `/api/campaigns/${id}/launch`, json: {} },
        { method: 'POST', path: `/api/campaigns/${id}/pause` },
        { method: 'POST', path: `/api/campaigns/${id}/resume` },
        { method: 'POST', path: `/api/campaigns/${id}/cancel` },
        { method: 'GET', path: `/api/campaigns/${id}/preview?recipient=0` },
        { method: 'POST', path: `/api/campaigns/${id}/test`, json: { accountId: 'acc_any' } },
        { method: 'GET', path: `/api/campaigns/${id}/recipients` },
        { method: 'POST', path: `/api/campaigns/${id}/recipients`, json: { recipients: [{ email: 'x@example.com' }] } },
        { method: 'GET', path: `/api/campaigns/${id}/recipients.csv` },
        { method: 'POST', path: `/api/campaigns/${id}/recipients/import`, raw: { body: 'email\nx@example.com\n', contentType: 'text/csv' } },
        { method: 'PATCH', path: `/api/campaigns/${id}/recipients/${rid}`, json: { fields: { a: 'b' } } },
        { method: 'DELETE', path: `/api/campaigns/${id}/recipients/${rid}` },
        { method: 'GET', path: `/api/campaigns/${id}/stats` },
        { method: 'GET', path: `/api/campaigns/${id}/timeline?bucket=hour` },
        { method: 'DELETE', path: `/api/campaigns/${id}` },
      ],
      unchanged: async (owner, { id }) => {
        const campaign = await (await owner.get(`/api/campaigns/${id}`)).json();
        expect(campaign).toMatchObject({ name: 'Private', status: 'draft', counts: { total: 1 } });
      },
    });
  });
});
