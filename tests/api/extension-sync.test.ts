/**
 * The extension's sync engine (extension/sync) against the real backend app: Dexie on
 * fake-indexeddb, the real API client, a fake clock, and a switch that takes the network away.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/schemas/campaigns';
import { campaignMessageRoutes } from '../../extension/campaigns/campaign-routes';
import { createCacheStore } from '../../extension/db/cache-store';
import { IConnectDb } from '../../extension/db/iconnect-db';
import { extensionApiClient } from '../support/extension-api-client';
import { createSyncEngine, type SyncEngine } from '../../extension/sync/sync-engine';
import { signedInEach } from '../../backend/src/testing/use-test-app';

const { t, agent } = signedInEach('offline@example.com');
let db: IConnectDb;
let sync: SyncEngine;
let routes: ReturnType<typeof campaignMessageRoutes>;
let online: boolean;
let requests: string[];
let nowMs: number;

beforeEach(async () => {
  db = new IConnectDb(`sync-${crypto.randomUUID()}`);
  online = true;
  requests = [];
  nowMs = Date.parse('2026-03-02T10:00:00Z');
  const now = () => new Date(nowMs);
  const api = await extensionApiClient(t, agent, 'offline@example.com', {
    isOnline: () => online,
    onRequest: (method, path) => requests.push(`${method} ${path}`),
  });
  const cache = createCacheStore(db, now);
  sync = createSyncEngine({ db, api, cache, now });
  routes = campaignMessageRoutes({ api, cache, sync });
});
afterEach(async () => {
  await db.delete();
});

async function createOnServer(name = 'Spring'): Promise<Campaign> {
  const response = await agent.post('/api/campaigns', { name, subject: 'Server subject', html: '<p>Server body</p>' });
  expect(response.status).toBe(201);
  return response.json() as Promise<Campaign>;
}
const onServer = async (id: string) => (await (await agent.get(`/api/campaigns/${id}`)).json()) as Campaign;
const cached = async (id: string) => (await db.campaigns.get(id))?.campaign;
const editOffline = async (id: string, patch: Record<string, unknown>) => {
  online = false;
  const version = (await cached(id))!.version;
  const result = await routes['campaigns/patch'].handle({ type: 'campaigns/patch', id, patch: { ...patch, version } });
  expect(result).toMatchObject({ ok: true, value: { queued: true } });
  return result;
};

/**
 * A synced campaign edited offline here (`mine`) and meanwhile elsewhere (`theirs`, on version 1);
 * then the network comes back a minute later.
 */
async function editedOnBothSides(mine: Record<string, unknown>, theirs: Record<string, unknown>): Promise<Campaign> {
  const campaign = await createOnServer();
  await sync.syncNow();
  await editOffline(campaign.id, mine);
  expect((await agent.patch(`/api/campaigns/${campaign.id}`, { ...theirs, version: 1 })).status).toBe(200);
  online = true;
  nowMs += 60_000;
  return campaign;
}

describe('offline edits', () => {
  it('are kept and shown at once, survive failed syncs, and reach the server when it is back', async () => {
    const campaign = await createOnServer();
    await sync.syncNow();
    expect((await cached(campaign.id))?.subject).toBe('Server subject');

    await editOffline(campaign.id, { subject: 'Written on the train' });
    expect((await cached(campaign.id))?.subject).toBe('Written on the train');
    expect((await onServer(campaign.id)).subject).toBe('Server subject');

    const failed = await sync.syncNow();
    expect(failed).toMatchObject({ pending: 1, conflicts: [] });
    expect(failed.lastError).toMatch(/Could not reach/);

    online = true;
    nowMs += 60_000;
    const done = await sync.syncNow();
    expect(done).toMatchObject({ pending: 0, conflicts: [], lastError: null });
    expect(await onServer(campaign.id)).toMatchObject({ subject: 'Written on the train', version: 2 });
    expect(await cached(campaign.id)).toMatchObject({ subject: 'Written on the train', version: 2 });
  });

  it('merge into one queued edit, and wait out the back-off instead of hammering a server that is down', async () => {
    const campaign = await createOnServer();
    await sync.syncNow();
    await editOffline(campaign.id, { subject: 'First thought' });
    await editOffline(campaign.id, { html: '<p>Second thought</p>' });
    const rows = await db.pendingEdits.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ baseVersion: 1, edit: { subject: 'First thought', html: '<p>Second thought</p>' } });

    await sync.syncNow(); // fails: offline; next attempt not before the back-off
    online = true;
    requests = [];
    nowMs += 1_000;
    await sync.syncNow();
    expect(requests.filter((r) => r.startsWith('PATCH'))).toEqual([]);
    nowMs += 60_000;
    await sync.syncNow();
    expect(await onServer(campaign.id)).toMatchObject({ subject: 'First thought', html: '<p>Second thought</p>', version: 2 });
  });

  it('are replayed on the new version when someone else changed other fields meanwhile: no conflict', async () => {
    const campaign = await editedOnBothSides({ subject: 'Mine' }, { name: 'Renamed elsewhere' });
    expect(await sync.syncNow()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await onServer(campaign.id)).toMatchObject({ name: 'Renamed elsewhere', subject: 'Mine', version: 3 });
  });

  it('become a conflict, with both texts kept, when the same field changed elsewhere; "keep mine" then wins', async () => {
    const campaign = await editedOnBothSides({ html: '<p>My careful offline rewrite</p>' }, { html: '<p>Their rewrite</p>' });
    const status = await sync.syncNow();
    expect(status.pending).toBe(0);
    expect(status.conflicts).toMatchObject([
      { campaignId: campaign.id, kind: 'changed-elsewhere', edit: { html: '<p>My careful offline rewrite</p>' }, theirs: { html: '<p>Their rewrite</p>' } },
    ]);
    // Nothing was overwritten on either side.
    expect((await onServer(campaign.id)).html).toBe('<p>Their rewrite</p>');
    expect((await cached(campaign.id))?.html).toBe('<p>Their rewrite</p>');

    expect(await sync.resolve(campaign.id, 'mine')).toMatchObject({ pending: 0, conflicts: [] });
    expect(await onServer(campaign.id)).toMatchObject({ html: '<p>My careful offline rewrite</p>', version: 3 });
  });

  it('"use the other version" drops the edit and keeps the server\'s', async () => {
    const campaign = await editedOnBothSides({ subject: 'Mine' }, { subject: 'Theirs' });
    expect((await sync.syncNow()).conflicts).toHaveLength(1);
    expect(await sync.resolve(campaign.id, 'theirs')).toMatchObject({ pending: 0, conflicts: [] });
    expect((await onServer(campaign.id)).subject).toBe('Theirs');
  });

  it('to a campaign deleted elsewhere keep the text as a conflict and drop the campaign from the cache', async () => {
    const campaign = await createOnServer();
    await sync.syncNow();
    await editOffline(campaign.id, { subject: 'Words worth keeping' });
    expect((await agent.delete(`/api/campaigns/${campaign.id}`)).status).toBe(204);
    online = true;
    nowMs += 60_000;
    const status = await sync.syncNow();
    expect(status.conflicts).toMatchObject([{ campaignId: campaign.id, kind: 'deleted', edit: { subject: 'Words worth keeping' }, theirs: null }]);
    expect(await cached(campaign.id)).toBeUndefined();
  });
});

describe('the change feed', () => {
  it('brings edits, new campaigns and deletions made elsewhere into the cache, with the cursor moving forward', async () => {
    const kept = await createOnServer('Kept');
    const doomed = await createOnServer('Doomed');
    await sync.syncNow();
    const first = (await db.syncState.get('feed'))!.cursor;
    expect((await db.campaigns.toArray()).map((row) => row.campaign.name).sort()).toEqual(['Doomed', 'Kept']);

    expect((await agent.patch(`/api/campaigns/${kept.id}`, { name: 'Kept and renamed', version: 1 })).status).toBe(200);
    expect((await agent.delete(`/api/campaigns/${doomed.id}`)).status).toBe(204);
    await createOnServer('Brand new');
    await sync.syncNow();
    expect((await db.campaigns.toArray()).map((row) => row.campaign.name).sort()).toEqual(['Brand new', 'Kept and renamed']);
    expect((await db.syncState.get('feed'))!.cursor).toBeGreaterThan(first);
  });

  it('starts again from nothing when the server says its database is not the one the cursor came from', async () => {
    await createOnServer('Real');
    await db.campaigns.put({ id: 'cmp_ghost', updatedAt: '', fetchedAt: '', campaign: { ...(await createOnServer('tmp')), id: 'cmp_ghost', name: 'Ghost' } });
    await db.syncState.put({ id: 'feed', cursor: 1_000_000, syncedAt: null, lastError: null });
    await sync.syncNow();
    expect((await db.campaigns.toArray()).map((row) => row.campaign.name).sort()).toEqual(['Real', 'tmp']);
  });

  it('keeps a pending edit on top of what the feed brings', async () => {
    const campaign = await createOnServer();
    await sync.syncNow();
    await editOffline(campaign.id, { subject: 'Still mine' });
    expect((await agent.patch(`/api/campaigns/${campaign.id}`, { name: 'New name', version: 1 })).status).toBe(200);
    // The server is back for reads, but this edit is not due yet: the feed's copy must not hide it.
    online = true;
    nowMs += 1_000;
    await sync.syncNow();
    expect(await cached(campaign.id)).toMatchObject({ name: 'New name', subject: 'Still mine' });
  });
});
