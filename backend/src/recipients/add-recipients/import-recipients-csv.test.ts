import { readFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, recipients, suppressions } from '../../db/schema';
import { signedInWithDraft } from '../../testing/draft-campaign';
import { createTestApp } from '../../testing/test-app';
import { importRecipientsCsv } from './import-recipients-csv';
import { seedCampaign } from '../../testing/seed-campaign';
import { ROWS_PER_INSERT } from './store-recipients';
import { closedAfterEach } from '../../testing/use-test-app';

const freshApp = closedAfterEach(createTestApp);

async function setup(env: Record<string, string> = {}) {
  const t = await freshApp({ env });
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

  it('imports every row of a file with both CRLF and LF line endings (two exports joined)', async () => {
    const t = await setup();
    const result = await t.run(fixture('two-exports-joined.csv'));
    // The second export's header is an ordinary row, reported like any other.
    expect(result).toMatchObject({ imported: 5, invalid: [{ row: 4, value: 'Email', reason: 'The address has no @' }] });
    expect((await t.stored()).map((r) => [r.email, r.fields])).toEqual([
      ['ada@example.com', { Name: 'Ada', Note: 'Line one\r\nline two' }],
      ['grace@example.com', { Name: 'Grace', Note: 'plain' }],
      ['alan@example.com', { Name: 'Alan', Note: 'Line one\nline two' }],
      ['edsger@example.com', { Name: 'Edsger', Note: 'plain' }],
      ['barbara@example.com', { Name: 'Barbara', Note: 'plain' }],
    ]);
  });

  it('lists a row with more cells than the header as invalid instead of dropping its cells, and fills a short row with empty fields', async () => {
    const t = await setup();
    const result = await t.run('email,first,last\nada@example.com\ngrace@example.com,Grace,Hopper,extra\nalan@example.com,Alan,Turing,,\n');
    expect(result).toMatchObject({ imported: 2, invalid: [{ row: 3, value: 'grace@example.com', reason: 'Row has 4 cells but the header has 3 columns' }] });
    expect((await t.stored()).map((r) => [r.email, r.fields])).toEqual([
      ['ada@example.com', { first: '', last: '' }],
      ['alan@example.com', { first: 'Alan', last: 'Turing' }],
    ]);
  });

  it('counts a row whose value holds a NUL as invalid rather than store it cut short', async () => {
    const t = await setup();
    const result = await t.run('email,notes\nada@example.com,"keep\u0000this"\ngrace@example.com,fine\n');
    expect(result).toMatchObject({ imported: 1, invalid: [{ row: 2, value: 'ada@example.com', reason: 'its “notes” value contains a control character (U+0000)' }] });
    expect((await t.stored()).map((r) => r.email)).toEqual(['grace@example.com']);
  });

  it('counts addresses with invisible or direction-changing characters as invalid', async () => {
    const t = await setup();
    const result = await t.run('email\nada@example.com\nbob\u202E@example.com\n');
    expect(result).toMatchObject({ imported: 1, invalid: [{ row: 3, reason: 'The address contains an invisible or direction-changing character (U+202E)' }] });
  });

  it('refuses a header with a control character, naming it, and stores nothing', async () => {
    const t = await setup();
    const error = await t.run('email,Na\u0007me\nada@example.com,Ada\n').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, problemType: 'validation-failed', init: { extra: { reason: 'bad-header', column: 2 } } });
    expect((error as Error).message).toContain('Column 2 (“Na\u0007me”) contains a control character (U+0007)');
    expect(await t.stored()).toEqual([]);
  });

  it('answers 400 naming the column when the chosen address column holds no address', async () => {
    const t = await setup();
    const error = await t.run(fixture('no-email-column.csv'), { emailColumn: 'Name' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, init: { extra: { reason: 'no-addresses', emailColumn: 'Name', headers: ['Name', 'Work address'] } } });
    expect((error as Error).message).toContain('The column “Name” holds no email address');
  });

  it('answers 413 with the size of the file and the limit in the same units (bytes)', async () => {
    const t = await setup({ IMPORT_MAX_BYTES: String(1024 * 1024) });
    // 600,000 characters but 1.2 million bytes: under the limit counted in characters, over it in bytes.
    const body = `email,note\nada@example.com,${'é'.repeat(600_000)}\n`;
    expect(body.length).toBeLessThan(1024 * 1024);
    await expect(t.run(body)).rejects.toMatchObject({
      status: 413,
      message: 'The file is 1.1 MB; at most 1 MB can be imported at once. Split it into smaller files.',
      init: { extra: { reason: 'too-large', maxBytes: 1024 * 1024 } },
    });
  });

  it('leaves the campaign untouched when nothing is new', async () => {
    const t = await setup();
    await t.run(fixture('three-rows.csv'));
    expect(await t.run(fixture('three-rows.csv'))).toEqual({ imported: 0, duplicates: 3, invalid: [], suppressed: 0, fields: [] });
    expect((await t.campaign()).version).toBe(2);
  });
});

describe('POST /api/campaigns/:id/recipients/import', () => {
  async function api() {
    const { agent, campaignId, upload } = await signedInWithDraft(await freshApp(), 'importer@example.com');
    const count = async () => ((await (await agent.get(`/api/campaigns/${campaignId}/recipients`)).json()) as { recipients: unknown[] }).recipients.length;
    return { upload, count };
  }

  it('answers 415 "This is not a CSV file" for an image, an executable, random bytes or UTF-16 without a byte-order mark', async () => {
    const { upload, count } = await api();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    const elf = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0, 0x40, 0x10, 0, 0]);
    const utf16 = new Uint8Array(Buffer.from('email,name\nada@example.com,Ada\n', 'utf16le'));
    for (const body of [png, elf, utf16]) {
      const response = await upload(body);
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: '/problems/unsupported-media-type', reason: 'not-text', detail: expect.stringMatching(/^This is not a CSV file/) });
    }
    expect(await count()).toBe(0);
  });

  it('answers the long rows it did not import by number', async () => {
    const { upload } = await api();
    const response = await upload('email,name\nada@example.com,Ada\ngrace@example.com,Grace,Hopper\n');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ imported: 1, invalid: [{ row: 3, value: 'grace@example.com', reason: 'Row has 3 cells but the header has 2 columns' }] });
  });
});
