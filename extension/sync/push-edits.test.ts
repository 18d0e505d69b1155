/**
 * The push half of the sync engine (push-edits.ts) against the real backend app: when an edit the
 * server has not taken is tried again, how edits of one campaign merge, and when a 409 is replayed
 * rather than called a conflict.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenListSchema } from '../../shared/schemas/tokens';
import { syncedExtension, type SyncedExtension } from './testing/synced-extension';

let x: SyncedExtension;
beforeEach(async () => {
  x = await syncedExtension();
});
afterEach(() => x.close());

/** A campaign on the server, in the extension's cache, with no request of that set-up left in the log. */
async function cachedCampaign(name?: string) {
  const campaign = await x.createOnServer(name);
  await x.sync.syncNow();
  x.takeRequests();
  return campaign;
}
const patches = () => x.takeRequests().filter((request) => request.startsWith('PATCH'));

describe('an edit the server cannot take yet', () => {
  it('is tried again after 5 s, 15 s and 1 min, then every 5 minutes, and reaches the server once it is back', async () => {
    const campaign = await cachedCampaign();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'Written on the train' });
    expect((await x.sync.syncNow()).lastError).toMatch(/Could not reach/);
    expect(patches()).toHaveLength(1);

    for (const wait of [5_000, 15_000, 60_000, 5 * 60_000, 5 * 60_000]) {
      x.advance(wait - 1);
      expect(await x.sync.syncNow()).toMatchObject({ pending: 1 });
      expect(patches()).toEqual([]);
      x.advance(1);
      await x.sync.syncNow();
      expect(patches()).toHaveLength(1);
    }

    x.network.online = true;
    x.advance(5 * 60_000);
    expect(await x.sync.syncNow()).toMatchObject({ pending: 0, conflicts: [], lastError: null });
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'Written on the train', version: 2 });
  });

  it('is tried at once when the user edits it again, without waiting out the back-off', async () => {
    const campaign = await cachedCampaign();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'First thought' });
    await x.sync.syncNow();
    x.network.online = true;
    x.takeRequests();

    await x.edit(campaign.id, { html: '<p>Second thought</p>' });
    expect(await x.sync.syncNow()).toMatchObject({ pending: 0, lastError: null });
    expect(patches()).toHaveLength(1);
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'First thought', html: '<p>Second thought</p>', version: 2 });
  });

  it('waits, and is kept, while a proxy answers 502 or the token is no longer accepted', async () => {
    const campaign = await cachedCampaign();
    await x.edit(campaign.id, { subject: 'Kept through it all' });
    x.network.status = 502;
    expect(await x.sync.syncNow()).toMatchObject({ pending: 1, conflicts: [], lastError: expect.stringMatching(/HTTP 502/) });
    x.network.status = null;

    const { tokens } = tokenListSchema.parse(await (await x.agent.get('/api/tokens')).json());
    for (const token of tokens) expect((await x.agent.delete(`/api/tokens/${token.id}`)).status).toBe(204);
    x.advance(5_000);
    expect(await x.sync.syncNow()).toMatchObject({ pending: 1, conflicts: [], lastError: expect.stringMatching(/API token/) });
    expect((await x.cached(campaign.id))?.subject).toBe('Kept through it all');
    expect((await x.onServer(campaign.id)).subject).toBe('Server subject');
  });
});

describe('edits of one campaign', () => {
  it('merge into one queued edit, sent as one save, the later value winning', async () => {
    const campaign = await cachedCampaign();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'First' });
    await x.edit(campaign.id, { subject: 'Second', html: '<p>Body</p>' });
    expect(await x.db.pendingEdits.toArray()).toMatchObject([{ baseVersion: 1, edit: { subject: 'Second', html: '<p>Body</p>' } }]);
    expect(await x.cached(campaign.id)).toMatchObject({ subject: 'Second', html: '<p>Body</p>' });

    x.network.online = true;
    await x.sync.syncNow();
    expect(patches()).toHaveLength(1);
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'Second', html: '<p>Body</p>', version: 2 });
  });

  it('typed while the save is on its way stay queued, on top of the version the server just saved', async () => {
    const campaign = await cachedCampaign();
    await x.edit(campaign.id, { subject: 'Sent first' });
    const onTheWire = x.holdNext('PATCH');
    const syncing = x.sync.syncNow();
    await onTheWire.reached;
    await x.edit(campaign.id, { html: '<p>Typed meanwhile</p>' });
    onTheWire.release();

    expect(await syncing).toMatchObject({ pending: 1, conflicts: [] });
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'Sent first', html: '<p>Server body</p>', version: 2 });
    expect(await x.cached(campaign.id)).toMatchObject({ subject: 'Sent first', html: '<p>Typed meanwhile</p>', version: 2 });
    expect(await x.db.pendingEdits.toArray()).toMatchObject([{ baseVersion: 2 }]);

    expect(await x.sync.syncNow()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await x.onServer(campaign.id)).toMatchObject({ subject: 'Sent first', html: '<p>Typed meanwhile</p>', version: 3 });
  });
});

describe('a 409 (the campaign changed on the server meanwhile)', () => {
  it('is replayed on the new version when other fields changed, even after the user edited the same field twice', async () => {
    const campaign = await cachedCampaign();
    x.network.online = false;
    await x.edit(campaign.id, { subject: 'Draft one' });
    await x.edit(campaign.id, { subject: 'Draft two' });
    await x.editElsewhere(campaign.id, { name: 'Renamed elsewhere' });

    x.network.online = true;
    x.advance(5_000);
    x.takeRequests();
    expect(await x.sync.syncNow()).toMatchObject({ pending: 0, conflicts: [] });
    const path = `/api/campaigns/${campaign.id}`;
    expect(x.takeRequests().filter((request) => request.startsWith('PATCH') || request.endsWith(path))).toEqual([
      `PATCH ${path}`, // 409: version 1 is gone
      `GET ${path}`, // the subject is still what the user's edit started from
      `PATCH ${path}`,
    ]);
    expect(await x.onServer(campaign.id)).toMatchObject({ name: 'Renamed elsewhere', subject: 'Draft two', version: 3 });
  });

  it('is a conflict when the same field changed: nothing is overwritten, both texts are kept', async () => {
    const campaign = await cachedCampaign();
    x.network.online = false;
    await x.edit(campaign.id, { html: '<p>My offline rewrite</p>' });
    await x.editElsewhere(campaign.id, { html: '<p>Their rewrite</p>' });

    x.network.online = true;
    x.advance(5_000);
    const status = await x.sync.syncNow();
    expect(status).toMatchObject({
      pending: 0,
      conflicts: [{ campaignId: campaign.id, kind: 'changed-elsewhere', edit: { html: '<p>My offline rewrite</p>' }, theirs: { html: '<p>Their rewrite</p>', version: 2 } }],
    });
    expect(await x.onServer(campaign.id)).toMatchObject({ html: '<p>Their rewrite</p>', version: 2 });
    expect((await x.cached(campaign.id))?.html).toBe('<p>Their rewrite</p>');
  });
});

describe('an edit the server refuses', () => {
  it('is kept as a conflict with the server’s copy, and not sent again', async () => {
    const campaign = await cachedCampaign();
    await x.edit(campaign.id, { name: '' });
    const status = await x.sync.syncNow();
    expect(status).toMatchObject({ pending: 0, conflicts: [{ campaignId: campaign.id, kind: 'refused', edit: { name: '' }, theirs: { name: 'Spring' } }] });
    expect(status.conflicts[0]!.message).toMatch(/Name the campaign/);
    expect((await x.cached(campaign.id))?.name).toBe('Spring');

    x.takeRequests();
    x.advance(5 * 60_000);
    await x.sync.syncNow();
    expect(patches()).toEqual([]);
  });
});

describe('A/B variants written offline (issue 18)', () => {
  it('reach the server whole after a rename elsewhere (the 409 replayed), and stay in the cached copy', async () => {
    const campaign = await cachedCampaign();
    const variants = [
      { subject: 'Server subject', html: '<p>Server body</p>' },
      { subject: 'Quick question', html: '<p>Variant B, written on the train</p>' },
    ];
    x.network.online = false;
    await x.edit(campaign.id, { variants });
    await x.sync.syncNow();
    await x.editElsewhere(campaign.id, { name: 'Renamed elsewhere' });

    x.network.online = true;
    x.advance(5_000);
    expect(await x.sync.syncNow()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await x.onServer(campaign.id)).toMatchObject({ name: 'Renamed elsewhere', subject: 'Server subject', variants, version: 3 });
    expect((await x.cached(campaign.id))?.variants).toEqual(variants);
  });
});
