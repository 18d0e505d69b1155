/**
 * How the sync engine runs its two halves (push-edits.ts, pull-changes.ts) and settles a conflict,
 * against the real backend app.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { syncedExtension, type SyncedExtension } from './testing/synced-extension';
import { useEach } from '../../backend/src/testing/use-test-app';

const x = useEach(() => syncedExtension());

describe('a sync', () => {
  it('is one run, however many triggers ask for it at once', async () => {
    await x.createOnServer();
    const [alarm, online] = await Promise.all([x.sync.syncNow(), x.sync.syncNow()]);
    expect(alarm).toEqual(online);
    expect(x.takeRequests()).toEqual(['GET /api/sync?since=0']);
  });

  it('pushes before it reads the feed, so the cache ends with the version the server saved', async () => {
    const campaign = await x.createOnServer();
    await x.sync.syncNow();
    const since = (await x.db.syncState.get('feed'))!.cursor;
    await x.edit(campaign.id, { subject: 'Saved' });
    x.takeRequests();
    await x.sync.syncNow();
    expect(x.takeRequests()).toEqual([`PATCH /api/campaigns/${campaign.id}`, `GET /api/sync?since=${since}`]);
    expect(await x.cached(campaign.id)).toMatchObject({ subject: 'Saved', version: 2 });
  });
});

describe('settling a conflict', () => {
  async function conflictOverSubject() {
    const campaign = await x.createOnServer();
    await x.sync.syncNow();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'Mine' });
    await x.editElsewhere(campaign.id, { subject: 'Theirs' });
    x.network.online = true;
    x.advance(5_000);
    expect((await x.sync.syncNow()).conflicts).toHaveLength(1);
    x.takeRequests();
    return campaign;
  }

  it('"keep mine" saves the edit over the server’s current version at once', async () => {
    const campaign = await conflictOverSubject();
    expect(await x.sync.resolve(campaign.id, 'mine')).toMatchObject({ pending: 0, conflicts: [] });
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'Mine', version: 3 });
    expect(await x.cached(campaign.id)).toMatchObject({ subject: 'Mine', version: 3 });
  });

  it('"use the other version" drops the edit without a request', async () => {
    const campaign = await conflictOverSubject();
    expect(await x.sync.resolve(campaign.id, 'theirs')).toMatchObject({ pending: 0, conflicts: [] });
    expect(x.takeRequests()).toEqual([]);
    expect(await x.cached(campaign.id)).toMatchObject({ subject: 'Theirs', version: 2 });
  });
});
