import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, recipientImports, recipients } from '../../db/schema';
import { createTestApp } from '../../testing/test-app';
import { seedCampaign } from '../../testing/seed-campaign';
import { closedAfterEach } from '../../testing/use-test-app';
import { importRecipientsCsv } from './import-recipients-csv';
import { INSERTS_PER_BATCH, ROWS_PER_INSERT } from './store-recipients';
import { turnsDuring } from '../../testing/event-loop-turns';

const freshApp = closedAfterEach(createTestApp);
const ROWS_PER_BATCH = ROWS_PER_INSERT * INSERTS_PER_BATCH;

async function setup() {
  const t = await freshApp();
  const ids = await seedCampaign(t.db, t.clock.now());
  const run = (csv: string) => importRecipientsCsv(t, { ...ids, body: new TextEncoder().encode(csv) });
  const stored = () => t.db.select({ key: recipients.emailKey }).from(recipients).where(eq(recipients.campaignId, ids.campaignId)).orderBy(asc(recipients.id));
  const campaign = async () => (await t.db.select().from(campaigns).where(eq(campaigns.id, ids.campaignId)))[0]!;
  /** What the imports recorded of themselves (recipient_imports), and how many rows each recipient row names. */
  const imports = async () => {
    const records = await t.db.select().from(recipientImports).where(eq(recipientImports.campaignId, ids.campaignId));
    const rows = await t.db.select({ importId: recipients.importId }).from(recipients).where(eq(recipients.campaignId, ids.campaignId));
    return records.map((record) => ({ status: record.status, rows: record.rows, named: rows.filter((row) => row.importId === record.id).length }));
  };
  return { ...t, ...ids, run, stored, campaign, imports };
}

const csvOf = (rows: number) => ['email,n', ...Array.from({ length: rows }, (_, i) => `row${i}@example.com,${i}`)].join('\n');


describe('a large import, written in batches (issue 17)', () => {
  it('lets other work run between its slices and stores every row in file order', async () => {
    const t = await setup();
    const rows = ROWS_PER_BATCH * 2 + 100;
    const { result, turns } = await turnsDuring(t.run(csvOf(rows)));
    expect(result).toMatchObject({ imported: rows, duplicates: 0, invalid: [], fields: ['n'] });
    // Parsing, checking and each batch of writing pause: other callbacks ran many times meanwhile.
    expect(turns).toBeGreaterThanOrEqual(3);
    const keys = (await t.stored()).map((row) => row.key);
    expect(keys).toHaveLength(rows);
    expect(keys[0]).toBe('row0@example.com');
    expect(keys.at(-1)).toBe(`row${rows - 1}@example.com`);
    expect((await t.campaign()).version).toBe(2);
    // It recorded itself: done, with every row it wrote, each row naming it (what a take-back deletes).
    expect(await t.imports()).toEqual([{ status: 'done', rows, named: rows }]);
  });

  for (const [where, failingRow] of [
    ['the last batch (with the campaign update)', ROWS_PER_BATCH * 2 + 50],
    ['a middle batch (one was written before it)', ROWS_PER_BATCH + 10],
  ] as const) {
    it(`takes back the rows already written when ${where} fails`, async () => {
      const t = await setup();
      await t.client.execute(`
        CREATE TRIGGER fail_import BEFORE INSERT ON recipients WHEN NEW.email_key = 'row${failingRow}@example.com'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      await expect(t.run(csvOf(ROWS_PER_BATCH * 2 + 100))).rejects.toThrow(/injected failure/);
      expect(await t.stored()).toEqual([]);
      // Not left 'running' (the launch would wait for it): given up, its rows already gone.
      expect(await t.imports()).toEqual([{ status: 'abandoned', rows: expect.any(Number), named: 0 }]);
      const campaign = await t.campaign();
      expect(campaign.version).toBe(1);
      expect(campaign.fields).toEqual([]);

      await t.client.execute('DROP TRIGGER fail_import');
      expect(await t.run(csvOf(ROWS_PER_BATCH * 2 + 100))).toMatchObject({ imported: ROWS_PER_BATCH * 2 + 100 });
    });
  }

  describe('when another request adds one of the addresses meanwhile (its row comes first, ours is skipped)', () => {
    // Fired by the last row of the first INSERT: the other request's row lands between two of our statements.
    const otherRequest = (t: Awaited<ReturnType<typeof setup>>) =>
      t.client.execute(`
        CREATE TRIGGER other_request AFTER INSERT ON recipients WHEN NEW.email_key = 'row${ROWS_PER_INSERT - 1}@example.com'
        BEGIN INSERT INTO recipients (campaign_id, user_id, created_at, email, email_key, fields, status)
          VALUES (NEW.campaign_id, NEW.user_id, NEW.created_at, 'row${ROWS_PER_INSERT + 100}@example.com', 'row${ROWS_PER_INSERT + 100}@example.com', '{}', 'pending'); END`);

    it('counts that address as a duplicate and stores every other row', async () => {
      const t = await setup();
      await otherRequest(t);
      const rows = ROWS_PER_BATCH * 2 + 100;
      expect(await t.run(csvOf(rows))).toMatchObject({ imported: rows - 1, duplicates: 1 });
      expect(await t.stored()).toHaveLength(rows);
      // The skipped row is not counted as the import's: the other request's row stays if this import is taken back.
      expect(await t.imports()).toEqual([{ status: 'done', rows: rows - 1, named: rows - 1 }]);
    });

    it('takes back exactly its own rows when a later batch fails, and leaves the other request’s row', async () => {
      const t = await setup();
      await otherRequest(t);
      await t.client.execute(`
        CREATE TRIGGER fail_import BEFORE INSERT ON recipients WHEN NEW.email_key = 'row${ROWS_PER_BATCH + 10}@example.com'
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
      await expect(t.run(csvOf(ROWS_PER_BATCH * 2 + 100))).rejects.toThrow(/injected failure/);
      expect((await t.stored()).map((row) => row.key)).toEqual([`row${ROWS_PER_INSERT + 100}@example.com`]);
    });
  });
});
