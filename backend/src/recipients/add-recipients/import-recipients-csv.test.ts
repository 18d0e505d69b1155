import { readFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { campaigns, recipients, suppressions } from '../../db/schema';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { importRecipientsCsv } from './import-recipients-csv';
import { seedCampaign } from './seed-campaign';
import { ROWS_PER_INSERT } from './store-recipients';

const opened: TestApp[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

async function setup(env: Record<string, string> = {}) {
  const t = await createTestApp({ env });
  opened.push(t);
  const ids = await seedCampaign(t.db, t.clock.now());
  const run = (body: Uint8Array | string, options: { emailColumn?: string; campaignId?: string; userId?: string } = {}) =>
    importRecipientsCsv(t, {
      userId: options.userId ?? ids.userId,
      campaignId: options.campaignId ?? ids.campaignId,
      body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      emailColumn: options.emailColumn,
    });
  const stored = () =>
    t.db
      .select({ email: recipients.email, key: recipients.emailKey, fields: recipients.fields, status: recipients.status, userId: recipients.userId })
      .from(recipients)
      .where(eq(recipients.campaignId, ids.campaignId))
      .orderBy(asc(recipients.id));
  const campaign = async () => (await t.db.select().from(campaigns).where(eq(campaigns.id, ids.campaignId)))[0]!;
  return { ...t, ...ids, run, stored, campaign };
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('importRecipientsCsv', () => {
  it('stores every valid row with its fields and reports the rest', async () => {
    const t = await setup();
    const result = await t.run(fixture('recipients.csv'));
    expect(result).toEqual({
      imported: 3,
      duplicates: 1,
      invalid: [{ row: 4, value: 'not-an-address', reason: 'The address has no @' }],
      suppressed: 0,
      fields: ['First name', 'Company', 'Notes'],
    });
    expect(await t.stored()).toEqual([
      {
        email: 'ada@example.com',
        key: 'ada@example.com',
        fields: { 'First name': 'Ada', Company: 'Babbage, Lovelace & Co', Notes: 'Says "hi"\r\nand waves' },
        status: 'pending',
        userId: t.userId,
      },
      { email: 'Grace@Example.com', key: 'grace@example.com', fields: { 'First name': 'Grace', Company: 'US Navy', Notes: '' }, status: 'pending', userId: t.userId },
      { email: 'alan@example.com', key: 'alan@example.com', fields: { 'First name': 'Alan', Company: '', Notes: 'Ünïcödé ✓' }, status: 'pending', userId: t.userId },
    ]);
    const campaign = await t.campaign();
    expect(campaign.fields).toEqual(['First name', 'Company', 'Notes']);
    expect(campaign.version).toBe(2);
    expect(campaign.updatedAt).toEqual(t.clock.now());
  });

  it('skips addresses already in the campaign (case-insensitive) and adds the new columns after the old', async () => {
    const t = await setup();
    await t.run(fixture('recipients.csv'));
    t.clock.advance(60_000);
    const result = await t.run(fixture('second-import.csv'));
    expect(result).toMatchObject({ imported: 3, duplicates: 1, suppressed: 0, fields: ['First name', 'Company', 'Notes', 'City'] });
    const campaign = await t.campaign();
    expect(campaign.version).toBe(3);
    expect(campaign.updatedAt).toEqual(t.clock.now());
    // The existing recipient keeps the fields of the first import.
    expect((await t.stored())[0]!.fields.Company).toBe('Babbage, Lovelace & Co');
  });

  it('counts addresses on the user’s suppression list as suppressed and never adds them', async () => {
    const t = await setup();
    const other = await seedCampaign(t.db, t.clock.now());
    const now = t.clock.now();
    await t.db.insert(suppressions).values([
      { userId: t.userId, emailKey: 'katherine@example.com', email: 'Katherine@example.com', reason: 'unsubscribed', sourceCampaignId: null, createdAt: now },
      // Another user's suppression is theirs alone.
      { userId: other.userId, emailKey: 'barbara@example.com', email: 'barbara@example.com', reason: 'bounced', sourceCampaignId: null, createdAt: now },
    ]);
    const result = await t.run(fixture('second-import.csv'));
    expect(result).toMatchObject({ imported: 3, duplicates: 0, suppressed: 1 });
    expect((await t.stored()).map((r) => r.key)).toEqual(['ada@example.com', 'barbara@example.com', 'edsger@example.com']);
  });

  it('does not count another campaign’s recipients as duplicates', async () => {
    const t = await setup();
    const other = await seedCampaign(t.db, t.clock.now());
    await t.run(fixture('second-import.csv'), other);
    expect(await t.run(fixture('second-import.csv'))).toMatchObject({ imported: 4, duplicates: 0 });
  });

  it('refuses a Latin-1 file, asking for CSV UTF-8, and stores nothing', async () => {
    const t = await setup();
    await expect(t.run(fixture('latin1.csv'))).rejects.toMatchObject({
      status: 400,
      problemType: 'validation-failed',
      message: expect.stringMatching(/not UTF-8.*CSV UTF-8/),
    });
    expect(await t.stored()).toEqual([]);
    expect((await t.campaign()).version).toBe(1);
  });

  it('answers 400 listing the headers and ?emailColumn= when no column holds addresses', async () => {
    const t = await setup();
    const error = await t.run(fixture('no-email-column.csv')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, problemType: 'validation-failed', init: { extra: { headers: ['Name', 'Work address'] } } });
    expect((error as Error).message).toContain('"Name", "Work address"');
    expect((error as Error).message).toContain('?emailColumn=');
  });

  it('refuses a file wider than a recipient may be (100 merge fields), naming the limit, and stores nothing', async () => {
    const t = await setup();
    const header = ['Email', ...Array.from({ length: 120 }, (_, i) => `Column ${i}`)].join(',');
    const error = await t.run(`${header}\nada@example.com\n`).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, problemType: 'validation-failed', init: { extra: { reason: 'too-many-columns', maxColumns: 100 } } });
    expect((error as Error).message).toContain('at most 100 merge fields');
    expect(await t.stored()).toEqual([]);
  });

  it('takes the address column named by emailColumn', async () => {
    const t = await setup();
    expect(await t.run(fixture('no-email-column.csv'), { emailColumn: 'work address' })).toMatchObject({ imported: 1, fields: ['Name'] });
    expect(await t.stored()).toMatchObject([{ email: 'ada@example.com', fields: { Name: 'Ada' } }]);
  });

  it('answers 413 naming the limit when the file has more rows than allowed', async () => {
    const t = await setup({ IMPORT_MAX_ROWS: '2' });
    await expect(t.run(fixture('three-rows.csv'))).rejects.toMatchObject({
      status: 413,
      problemType: 'payload-too-large',
      message: expect.stringContaining('at most 2 recipients'),
    });
    expect(await t.stored()).toEqual([]);
  });

  it('answers 413 for a body over the size limit', async () => {
    const t = await setup({ IMPORT_MAX_BYTES: '20' });
    await expect(t.run(fixture('three-rows.csv'))).rejects.toMatchObject({ status: 413, problemType: 'payload-too-large' });
  });

  it('answers 400 naming the row of an unclosed quote', async () => {
    const t = await setup();
    await expect(t.run('email,name\na@example.com,"Ada\nb@example.com,Bob\n')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Row 2') });
  });

  it('stores nothing when a statement in the middle of the batch fails', async () => {
    const t = await setup();
    const rows = ROWS_PER_INSERT + 200;
    const csv = ['email,n', ...Array.from({ length: rows }, (_, i) => `row${i}@example.com,${i}`)].join('\n');
    // A failure inside the second INSERT statement, after the first one (and the campaign update) ran.
    await t.client.execute(`
      CREATE TRIGGER fail_import BEFORE INSERT ON recipients WHEN NEW.email_key = 'row${ROWS_PER_INSERT + 100}@example.com'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    await expect(t.run(csv)).rejects.toThrow(/injected failure/);
    expect(await t.stored()).toEqual([]);
    const campaign = await t.campaign();
    expect(campaign.version).toBe(1);
    expect(campaign.fields).toEqual([]);

    await t.client.execute('DROP TRIGGER fail_import');
    expect(await t.run(csv)).toMatchObject({ imported: rows });
  });

  it('counts a row another request added between the check and the insert as a duplicate', async () => {
    const t = await setup();
    // Run the competing insert just before the import's batch: after its read of existing addresses.
    const db = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== 'batch') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<typeof target.batch>) => {
          await target.insert(recipients).values({
            campaignId: t.campaignId,
            userId: t.userId,
            email: 'Katherine@example.com',
            emailKey: 'katherine@example.com',
            fields: {},
            status: 'pending',
            createdAt: t.clock.now(),
          });
          return target.batch(...args);
        };
      },
    });
    const result = await importRecipientsCsv({ ...t, db }, { userId: t.userId, campaignId: t.campaignId, body: fixture('second-import.csv') });
    expect(result).toMatchObject({ imported: 3, duplicates: 1 });
    expect(await t.stored()).toHaveLength(4);
  });

  it('keeps both imports whole when two run at once', async () => {
    const t = await setup();
    const [a, b] = await Promise.all([t.run(fixture('second-import.csv')), t.run(fixture('recipients.csv'))]);
    expect(a.imported + b.imported).toBe(6);
    expect(await t.stored()).toHaveLength(6);
    // Each import's fields are added by SQLite inside its own batch, so neither loses the other's.
    expect(new Set((await t.campaign()).fields)).toEqual(new Set(['Company', 'City', 'First name', 'Notes']));
    expect((await t.campaign()).version).toBe(3);
  });

  it('leaves the campaign untouched when nothing is new', async () => {
    const t = await setup();
    await t.run(fixture('three-rows.csv'));
    expect(await t.run(fixture('three-rows.csv'))).toEqual({ imported: 0, duplicates: 3, invalid: [], suppressed: 0, fields: [] });
    expect((await t.campaign()).version).toBe(2);
  });
});
