/**
 * The panel's data screens through the background (issue 14): recipients search, state filter and
 * CSV export, and the suppression list, against the real backend app with the real API client.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';
import { createTestApp, type TestApp } from '../../backend/src/testing/test-app';
import { createApiClient } from '../../extension/api/api-client';
import { IConnectDb } from '../../extension/db/iconnect-db';
import { createRecipientCache } from '../../extension/recipients/recipient-cache';
import { recipientMessageRoutes } from '../../extension/recipients/recipient-routes';
import { suppressionMessageRoutes } from '../../extension/suppressions/suppression-routes';

let t: TestApp;
let agent: BrowserAgent;
let db: IConnectDb;
let recipients: ReturnType<typeof recipientMessageRoutes>;
let suppressions: ReturnType<typeof suppressionMessageRoutes>;
let online: boolean;
let campaignId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ agent } = await signedInAgent(t, 'screens@example.com'));
  const { token } = (await (await agent.post('/api/tokens', { name: 'Chrome' })).json()) as { token: string };
  db = new IConnectDb(`screens-${crypto.randomUUID()}`);
  online = true;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    return t.app.request(String(input), init);
  }) as typeof globalThis.fetch;
  const connection = { serverUrl: t.config.publicUrl, token, userId: 'u', email: 'screens@example.com', connectedAt: '' };
  const api = createApiClient({ fetch, store: { get: async () => connection }, timeoutMs: 5_000 });
  recipients = recipientMessageRoutes({ api, cache: createRecipientCache(db, () => new Date('2026-03-02T10:00:00Z')) });
  suppressions = suppressionMessageRoutes({ api });
  campaignId = ((await (await agent.post('/api/campaigns', { name: 'Spring list' })).json()) as { id: string }).id;
  const rows = [
    { email: 'ada@acme.test', fields: { company: 'Acme' } },
    { email: 'bob@example.com', fields: { company: 'Initech' } },
    { email: 'cy@example.com', fields: { company: 'ACME Corp' } },
  ];
  expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: rows })).status).toBe(201);
});
afterEach(async () => {
  await db.delete();
  await t.close();
});

const list = (extra: { q?: string; status?: 'pending' | 'replied' }) =>
  recipients['recipients/list'].handle({ type: 'recipients/list', campaignId, limit: 100, ...extra });

describe('recipients search through the background', () => {
  it('searches and filters on the server', async () => {
    const found = await list({ q: 'acme' });
    expect(found.ok && found.value.recipients.map((r) => r.email)).toEqual(['ada@acme.test', 'cy@example.com']);
    const replied = await list({ q: 'acme', status: 'replied' });
    expect(replied.ok && replied.value.recipients).toEqual([]);
  });

  it('never answers a search from the cache, which holds the whole list', async () => {
    expect((await list({})).ok).toBe(true);
    online = false;
    expect(await list({ q: 'acme' })).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(await list({})).toMatchObject({ ok: true, value: { cachedAt: expect.any(String) } });
  });

  it('exports the recipients CSV with the server\'s file name', async () => {
    const file = await recipients['recipients/export-csv'].handle({ type: 'recipients/export-csv', campaignId });
    expect(file).toMatchObject({ ok: true, value: { filename: 'Spring-list-recipients.csv' } });
    expect(file.ok && file.value.csv).toContain('bob@example.com');
  });
});

describe('suppression list through the background', () => {
  it('adds, searches and removes an address', async () => {
    expect(await suppressions['suppressions/add'].handle({ type: 'suppressions/add', email: 'Pat+news@Example.com' })).toMatchObject({
      ok: true,
      value: { email: 'Pat+news@Example.com', reason: 'manual' },
    });
    await suppressions['suppressions/add'].handle({ type: 'suppressions/add', email: 'other@acme.test' });
    const found = await suppressions['suppressions/list'].handle({ type: 'suppressions/list', q: 'example' });
    expect(found.ok && found.value.suppressions.map((s) => s.email)).toEqual(['Pat+news@Example.com']);

    expect(await suppressions['suppressions/remove'].handle({ type: 'suppressions/remove', email: 'Pat+news@Example.com' })).toEqual({
      ok: true,
      value: { email: 'Pat+news@Example.com' },
    });
    const left = await suppressions['suppressions/list'].handle({ type: 'suppressions/list', q: undefined });
    expect(left.ok && left.value.suppressions.map((s) => s.email)).toEqual(['other@acme.test']);
  });

  it('says why an address was refused', async () => {
    const refused = await suppressions['suppressions/add'].handle({ type: 'suppressions/add', email: 'not an address' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ field: 'email' }] } });
  });
});
