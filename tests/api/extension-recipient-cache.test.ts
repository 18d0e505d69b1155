/**
 * The extension's recipient cache (extension/recipients) against the real backend app: Dexie on
 * fake-indexeddb, the real API client, and a switch that takes the network away.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheStore } from '../../extension/db/cache-store';
import { IConnectDb } from '../../extension/db/iconnect-db';
import { extensionApiClient } from '../support/extension-api-client';
import { createRecipientCache } from '../../extension/recipients/recipient-cache';
import { recipientMessageRoutes } from '../../extension/recipients/recipient-routes';
import { signedInEach } from '../../backend/src/testing/use-test-app';

const { t, agent } = signedInEach('lists@example.com');
let db: IConnectDb;
let routes: ReturnType<typeof recipientMessageRoutes>;
let cache: ReturnType<typeof createCacheStore>;
let online: boolean;
let campaignId: string;

beforeEach(async () => {
  db = new IConnectDb(`recipients-${crypto.randomUUID()}`);
  online = true;
  const now = () => new Date('2026-03-02T10:00:00Z');
  const api = await extensionApiClient(t, agent, 'lists@example.com', { isOnline: () => online });
  routes = recipientMessageRoutes({ api, cache: createRecipientCache(db, now) });
  cache = createCacheStore(db, now);
  const created = await agent.post('/api/campaigns', { name: 'Lists', subject: 'Hi', html: '<p>Hi</p>' });
  campaignId = ((await created.json()) as { id: string }).id;
  const recipients = Array.from({ length: 5 }, (_, i) => ({ email: `person${i}@example.com` }));
  expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients })).status).toBe(201);
});
afterEach(async () => {
  await db.delete();
});

const list = (cursor?: string, limit = 2) => routes['recipients/list'].handle({ type: 'recipients/list', campaignId, limit, ...(cursor ? { cursor } : {}) });

/** Reads every page the way the panel scrolls, and the addresses it got. */
async function readAll(): Promise<{ emails: string[]; cachedAt: (string | null)[] }> {
  const emails: string[] = [];
  const cachedAt: (string | null)[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10; guard++) {
    const page = await list(cursor);
    if (!page.ok) throw new Error(page.error.message);
    emails.push(...page.value.recipients.map((r) => r.email));
    cachedAt.push(page.value.cachedAt);
    if (page.value.nextCursor === null) break;
    cursor = page.value.nextCursor;
  }
  return { emails, cachedAt };
}

describe('the recipient cache', () => {
  it('answers offline with the pages read online, in order, saying they are from this device', async () => {
    const live = await readAll();
    expect(live.emails).toEqual(['person0@example.com', 'person1@example.com', 'person2@example.com', 'person3@example.com', 'person4@example.com']);
    expect(live.cachedAt.every((at) => at === null)).toBe(true);

    online = false;
    const offline = await readAll();
    expect(offline.emails).toEqual(live.emails);
    expect(offline.cachedAt.every((at) => at === '2026-03-02T10:00:00.000Z')).toBe(true);
  });

  it('drops rows deleted on the server when their page is read again', async () => {
    await readAll();
    const { recipients } = (await (await agent.get(`/api/campaigns/${campaignId}/recipients`)).json()) as { recipients: { id: string }[] };
    expect((await agent.delete(`/api/campaigns/${campaignId}/recipients/${recipients[1]!.id}`)).status).toBe(204);
    await readAll();
    online = false;
    expect((await readAll()).emails).toEqual(['person0@example.com', 'person2@example.com', 'person3@example.com', 'person4@example.com']);
  });

  it('answers a jump offline with the rows that stood there when it was read online, and none it never read', async () => {
    const jump = (offset: number) => routes['recipients/list'].handle({ type: 'recipients/list', campaignId, limit: 2, offset });
    const live = await jump(3);
    expect(live).toMatchObject({ ok: true, value: { total: 5, cachedAt: null } });
    online = false;
    const offline = await jump(3);
    expect(offline.ok && offline.value.recipients.map((r) => r.email)).toEqual(['person3@example.com', 'person4@example.com']);
    expect(offline.ok && offline.value.cachedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(await jump(1)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('says the server is unreachable when nothing was cached, and forgets a deleted campaign', async () => {
    online = false;
    expect(await list()).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    online = true;
    await readAll();
    await cache.deleteCampaign(campaignId);
    expect(await db.recipients.count()).toBe(0);
  });
});
