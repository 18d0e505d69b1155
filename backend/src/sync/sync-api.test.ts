import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { syncPageSchema, type SyncPage } from '../../../shared/schemas/sync';
import { syncChanges } from '../db/schema';
import { signedInAgent } from '../testing/browser-agent';
import { signedInEach } from '../testing/use-test-app';

const { t, agent } = signedInEach('syncer@example.com');

async function page(since: number, limit?: number, as = agent): Promise<SyncPage> {
  const response = await as.get(`/api/sync?since=${since}${limit ? `&limit=${limit}` : ''}`);
  expect(response.status).toBe(200);
  return syncPageSchema.parse(await response.json());
}

async function create(name: string) {
  const response = await agent.post('/api/campaigns', { name, subject: 'Hi', html: '<p>Hi</p>' });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

describe('GET /api/sync', () => {
  it('gives everything from 0, then only what changed after the cursor, each campaign as it is now', async () => {
    const first = await create('First');
    const second = await create('Second');
    const all = await page(0);
    expect(all.changes.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(all).toMatchObject({ more: false, reset: false });

    expect((await page(all.cursor)).changes).toEqual([]);

    // Three edits of one campaign read as one change carrying the latest version.
    for (const name of ['A', 'B', 'C']) {
      const current = (await (await agent.get(`/api/campaigns/${first.id}`)).json()) as { version: number };
      expect((await agent.patch(`/api/campaigns/${first.id}`, { name, version: current.version })).status).toBe(200);
    }
    const edited = await page(all.cursor);
    expect(edited.changes).toHaveLength(1);
    expect(edited.changes[0]).toMatchObject({ id: first.id, deleted: false, campaign: { name: 'C', version: 4 } });
    expect(edited.cursor).toBeGreaterThan(all.cursor);
  });

  it('reports deletions, so a cache drops what was deleted elsewhere', async () => {
    const doomed = await create('Doomed');
    const { cursor } = await page(0);
    expect((await agent.delete(`/api/campaigns/${doomed.id}`)).status).toBe(204);
    expect((await page(cursor)).changes).toEqual([{ entity: 'campaign', id: doomed.id, deleted: true }]);
  });

  it('includes changes no edit made: new merge fields from an import, a duplicate', async () => {
    const campaign = await create('Importing');
    const { cursor } = await page(0);
    const imported = await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'a@example.com', fields: { Company: 'Acme' } }] });
    expect(imported.status).toBe(201);
    const afterImport = await page(cursor);
    expect(afterImport.changes).toMatchObject([{ id: campaign.id, campaign: { fields: ['Company'] } }]);
    const duplicate = await agent.post(`/api/campaigns/${campaign.id}/duplicate`);
    expect(duplicate.status).toBe(201);
    expect((await page(afterImport.cursor)).changes.map((c) => c.id)).toEqual([((await duplicate.json()) as { id: string }).id]);
  });

  it('pages with `more` and never skips or repeats a change', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await create(`C${i}`)).id);
    const seen: string[] = [];
    let cursor = 0;
    for (let guard = 0; guard < 10; guard++) {
      const next = await page(cursor, 2);
      seen.push(...next.changes.map((c) => c.id));
      cursor = next.cursor;
      if (!next.more) break;
    }
    expect(seen).toEqual(ids);
  });

  it("shows nothing of another user's campaigns", async () => {
    await create('Mine');
    const { agent: other } = await signedInAgent(t, 'other@example.com');
    expect((await page(0, undefined, other)).changes).toEqual([]);
  });

  it('says reset when the cursor is ahead of this server (a restored database)', async () => {
    await create('One');
    const { cursor } = await page(0);
    expect(await page(cursor + 1000)).toEqual({ cursor: 0, more: false, reset: true, changes: [] });
  });

  it('refuses a cursor that is not a whole number with a problem naming the field', async () => {
    const response = await agent.get('/api/sync?since=-1');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).errors[0].field).toBe('since');
  });

  it('forgets the feed of a deleted user', async () => {
    await create('Gone soon');
    const [owner] = await t.db.select({ userId: syncChanges.userId }).from(syncChanges);
    expect((await agent.request('DELETE', '/api/me', { json: { password: 'a long enough password' } })).status).toBe(200);
    const [left] = await t.db.select({ n: count() }).from(syncChanges).where(eq(syncChanges.userId, owner!.userId));
    expect(left?.n).toBe(0);
  });
});
