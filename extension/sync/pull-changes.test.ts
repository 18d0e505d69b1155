/**
 * The pull half of the sync engine (pull-changes.ts) against the real backend app: the change feed
 * read from the stored cursor, page by page, and started again when the cursor is ahead of the server.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PAGE_DEFAULT } from '../../shared/schemas/sync';
import { syncedExtension, type SyncedExtension } from './testing/synced-extension';

let x: SyncedExtension;
beforeEach(async () => {
  x = await syncedExtension();
});
afterEach(() => x.close());

const feedReads = () => x.takeRequests().filter((request) => request.startsWith('GET /api/sync'));
const cursor = async () => (await x.db.syncState.get('feed'))?.cursor;
const cachedNames = async () => (await x.db.campaigns.toArray()).map((row) => row.campaign.name).sort();

describe('reading the change feed', () => {
  it('asks only for what changed after its cursor, and records when it read to the end', async () => {
    await x.createOnServer('First');
    await x.sync.syncNow();
    const first = await cursor();
    expect(feedReads()).toEqual(['GET /api/sync?since=0']);
    expect(await x.db.syncState.get('feed')).toMatchObject({ syncedAt: '2026-03-02T10:00:00.000Z', lastError: null });

    await x.createOnServer('Second');
    x.advance(60_000);
    await x.sync.syncNow();
    expect(feedReads()).toEqual([`GET /api/sync?since=${first}`]);
    expect(await cachedNames()).toEqual(['First', 'Second']);
    expect(await x.db.syncState.get('feed')).toMatchObject({ syncedAt: '2026-03-02T10:01:00.000Z' });
  });

  it('says why it stopped while the server is out of reach, and forgets it once the feed is read', async () => {
    x.network.online = false;
    expect(await x.sync.syncNow()).toMatchObject({ syncedAt: null, lastError: expect.stringMatching(/Could not reach/) });
    x.network.online = true;
    expect(await x.sync.syncNow()).toMatchObject({ syncedAt: '2026-03-02T10:00:00.000Z', lastError: null });
  });

  it('keeps its place page by page: a catch-up cut short goes on from the last page it applied', async () => {
    for (let i = 0; i <= SYNC_PAGE_DEFAULT; i++) await x.createOnServer(`Campaign ${i}`);
    const secondPage = x.holdNext('GET', (request) => request.startsWith('GET /api/sync?since=') && !request.endsWith('since=0'));
    const syncing = x.sync.syncNow();
    await secondPage.reached;
    secondPage.release({ drop: true });
    expect(await syncing).toMatchObject({ syncedAt: null, lastError: expect.stringMatching(/Could not reach/) });
    const afterFirstPage = await cursor();
    expect(await x.db.campaigns.count()).toBe(SYNC_PAGE_DEFAULT);
    x.takeRequests();

    expect(await x.sync.syncNow()).toMatchObject({ lastError: null });
    expect(feedReads()).toEqual([`GET /api/sync?since=${afterFirstPage}`]);
    expect(await x.db.campaigns.count()).toBe(SYNC_PAGE_DEFAULT + 1);
  });
});

describe('a cursor ahead of the server (its database was restored from a backup)', () => {
  async function cursorFromAnotherDatabase() {
    await x.db.syncState.put({ id: 'feed', cursor: 1_000_000, syncedAt: null, lastError: null });
  }

  it('throws the cache away and reads the feed again from 0', async () => {
    const real = await x.createOnServer('Real');
    await x.db.campaigns.put({ id: 'cmp_ghost', updatedAt: '', fetchedAt: '', campaign: { ...real, id: 'cmp_ghost', name: 'Ghost' } });
    await cursorFromAnotherDatabase();
    await x.sync.syncNow();
    expect(feedReads()).toEqual(['GET /api/sync?since=1000000', 'GET /api/sync?since=0']);
    expect(await cachedNames()).toEqual(['Real']);
    expect(await cursor()).toBeLessThan(1_000_000);

    // The cursor is the server's again: what changes next arrives.
    await x.editElsewhere(real.id, { name: 'Real, renamed' });
    await x.sync.syncNow();
    expect(await cachedNames()).toEqual(['Real, renamed']);
  });

  it('keeps the user’s pending edit on top of the campaign the feed brings back', async () => {
    const campaign = await x.createOnServer('Mine');
    await x.sync.syncNow();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'Not saved yet' });
    await x.sync.syncNow(); // the push fails: not tried again for 5 s
    x.network.online = true;
    await cursorFromAnotherDatabase();
    x.advance(1_000);
    expect(await x.sync.syncNow()).toMatchObject({ pending: 1 });
    expect(await x.cached(campaign.id)).toMatchObject({ name: 'Mine', subject: 'Not saved yet' });
  });
});
