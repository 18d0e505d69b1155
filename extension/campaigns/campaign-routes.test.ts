import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Campaign } from '../../shared/schemas/campaigns';
import { createApiClient } from '../api/api-client';
import { createCacheStore } from '../db/cache-store';
import { IConnectDb } from '../db/iconnect-db';
import { messageSchema } from '../messages';
import { createSyncEngine } from '../sync/sync-engine';
import { campaignMessageRoutes } from './campaign-routes';
import { apiCampaign } from './testing/api-campaign';

const CONNECTION = { serverUrl: 'http://localhost:8787', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };
const NOW = new Date('2026-03-01T10:00:00Z');

function campaign(id: string, name = id): Campaign {
  return apiCampaign({ id, name, subject: '', html: '', updatedAt: `2026-01-0${id.slice(-1)}T00:00:00Z` });
}

let db: IConnectDb;
let fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;
let routes: ReturnType<typeof campaignMessageRoutes>;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  fetch = vi.fn<typeof globalThis.fetch>();
  const api = createApiClient({ fetch, store: { get: async () => CONNECTION }, timeoutMs: 1000 });
  const cache = createCacheStore(db, () => NOW);
  routes = campaignMessageRoutes({ api, cache, sync: createSyncEngine({ db, api, cache, now: () => NOW }) });
});

afterEach(async () => {
  await db.delete();
});

const answer = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('campaignMessageRoutes', () => {
  it('answers from the cache without a request, then refreshes it from the server', async () => {
    expect(await routes['campaigns/list'].handle({ type: 'campaigns/list', source: 'cache' })).toEqual({ ok: true, value: { value: [], fetchedAt: null } });
    expect(fetch).not.toHaveBeenCalled();

    fetch.mockResolvedValue(answer({ campaigns: [campaign('cmp_1'), campaign('cmp_2')] }));
    await routes['campaigns/list'].handle({ type: 'campaigns/list', source: 'server' });

    const cached = await routes['campaigns/list'].handle({ type: 'campaigns/list', source: 'cache' });
    expect(cached).toMatchObject({ ok: true, value: { fetchedAt: NOW.toISOString() } });
    // Newest change first.
    expect(cached.ok && cached.value.value.map((c) => c.id)).toEqual(['cmp_2', 'cmp_1']);
  });

  it('drops a campaign deleted elsewhere from the cache when the list is refreshed', async () => {
    fetch.mockResolvedValueOnce(answer({ campaigns: [campaign('cmp_1'), campaign('cmp_2')] }));
    await routes['campaigns/list'].handle({ type: 'campaigns/list', source: 'server' });
    fetch.mockResolvedValueOnce(answer({ campaigns: [campaign('cmp_2')] }));
    await routes['campaigns/list'].handle({ type: 'campaigns/list', source: 'server' });

    expect(await db.campaigns.toCollection().primaryKeys()).toEqual(['cmp_2']);
  });

  it('keeps the cached copy when the server cannot be reached', async () => {
    await db.campaigns.put({ id: 'cmp_1', updatedAt: '', campaign: campaign('cmp_1', 'Saved'), fetchedAt: '2026-02-01T00:00:00Z' });
    fetch.mockRejectedValue(new TypeError('offline'));

    expect(await routes['campaigns/get'].handle({ type: 'campaigns/get', id: 'cmp_1', source: 'server' })).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect((await db.campaigns.get('cmp_1'))?.campaign.name).toBe('Saved');
  });

  it('patches with the version and caches the answer', async () => {
    fetch.mockResolvedValue(answer({ ...campaign('cmp_1', 'Renamed'), version: 2 }));

    const patched = await routes['campaigns/patch'].handle({ type: 'campaigns/patch', id: 'cmp_1', patch: { name: 'Renamed', version: 1 } });

    expect(patched).toMatchObject({ ok: true, value: { campaign: { name: 'Renamed', version: 2 }, queued: false } });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:8787/api/campaigns/cmp_1');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Renamed', version: 1 });
    expect((await db.campaigns.get('cmp_1'))?.campaign.version).toBe(2);
  });

  it('asks for a copy with its recipients when told to, and caches the copy', async () => {
    fetch.mockResolvedValue(answer(campaign('cmp_2', 'Spring (copy)'), 201));

    const copy = await routes['campaigns/duplicate'].handle({ type: 'campaigns/duplicate', id: 'cmp_1', recipients: true });

    expect(copy).toMatchObject({ ok: true, value: { id: 'cmp_2', name: 'Spring (copy)' } });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:8787/api/campaigns/cmp_1/duplicate');
    expect(JSON.parse(String(init?.body))).toEqual({ recipients: true });
    expect((await db.campaigns.get('cmp_2'))?.campaign.name).toBe('Spring (copy)');
  });

  it('forgets a deleted campaign and its stats', async () => {
    await db.campaigns.put({ id: 'cmp_1', updatedAt: '', campaign: campaign('cmp_1'), fetchedAt: '' });
    fetch.mockResolvedValue(new Response(null, { status: 204 }));

    expect(await routes['campaigns/delete'].handle({ type: 'campaigns/delete', id: 'cmp_1' })).toEqual({ ok: true, value: { id: 'cmp_1' } });
    expect(await db.campaigns.count()).toBe(0);
  });

  it('keeps every campaign message to our own pages', () => {
    expect(new Set(Object.values(routes).map((route) => route.access))).toEqual(new Set(['extension-pages']));
  });
});

describe('campaign message schemas', () => {
  it.each([
    ['a path in the id', { type: 'campaigns/get', id: '../tokens', source: 'server' }],
    ['an id with a query', { type: 'campaigns/delete', id: 'cmp_1?x=1' }],
    ['an unknown control action', { type: 'campaigns/control', id: 'cmp_1', action: 'delete-everything' }],
    ['a preview recipient that is not an id or position', { type: 'campaigns/preview', id: 'cmp_1', recipient: '../../x' }],
    ['a duplicate whose recipients choice is not a yes or no', { type: 'campaigns/duplicate', id: 'cmp_1', recipients: 'all' }],
  ])('refuses %s', (_name, message) => {
    expect(messageSchema.safeParse(message).success).toBe(false);
  });
});
