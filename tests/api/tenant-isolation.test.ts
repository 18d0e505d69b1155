import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../backend/src/testing/test-app';
import { expectIsolated } from '../../backend/src/testing/tenant-isolation';

/**
 * One case per kind of resource a user owns. Every feature that adds owned resources adds its
 * routes here.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
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
});
