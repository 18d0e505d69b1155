import Papa from 'papaparse';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, recipients } from '../db/schema';
import { signedInWithDraft } from '../testing/draft-campaign';
import { createTestApp } from '../testing/test-app';
import { closedAfterEach } from '../testing/use-test-app';
import { EXPORT_PAGE_ROWS, recipientsToCsv, streamRecipientsCsv } from './recipients-csv-export';
import type { RecipientRow } from './recipient-store';

const freshApp = closedAfterEach(createTestApp);
/** The body's exact text, its byte-order mark kept (`Response.text()` drops it). */
const bytesText = (body: ArrayBuffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);

/** The export as it was built before it streamed (one Papa.unparse over every row): the bytes to keep. */
function oneBuiltCsv(rows: RecipientRow[], fieldNames: string[]): string {
  const defuse = (value: string) => (/^(?:[\t\r]|[ \t\r\n;]*[=+\-@])/.test(value) ? `'${value}` : value);
  const header = ['email', ...fieldNames, 'status', 'status_reason', 'last_event_at', 'added_at'];
  const data = rows.map((row) => [row.email, ...fieldNames.map((name) => (Object.hasOwn(row.fields, name) ? String(row.fields[name]) : '')), row.status, row.statusReason ?? '', row.lastEventAt?.toISOString() ?? '', row.createdAt.toISOString()]);
  return '\uFEFF' + Papa.unparse({ fields: header.map(defuse), data: data.map((cells) => cells.map(defuse)) }, { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && value.includes(';') });
}

async function setup(rows: number) {
  const t = await freshApp();
  const { agent, campaignId, upload } = await signedInWithDraft(t, 'streamer@example.com');
  if (rows > 0) {
    const csv = ['email,first name,note', ...Array.from({ length: rows }, (_, i) => `p${i}@example.com,Name ${i},${i % 3 === 0 ? '"=1+1; x"' : i % 5 === 0 ? '"two\nlines"' : ''}`)].join('\n');
    expect((await upload(csv)).status).toBe(201);
  }
  const stored = () => t.db.select().from(recipients).where(eq(recipients.campaignId, campaignId)).orderBy(recipients.id);
  const fields = async () => (await t.db.select({ fields: campaigns.fields }).from(campaigns).where(eq(campaigns.id, campaignId)))[0]!.fields;
  return { ...t, agent, campaignId, stored, fields };
}

describe('the streamed recipients.csv (issue 17)', () => {
  for (const rows of [0, 1, EXPORT_PAGE_ROWS, EXPORT_PAGE_ROWS * 2 + 7]) {
    it(`answers the same bytes as the one-piece CSV for ${rows} recipients`, async () => {
      const t = await setup(rows);
      const response = await t.agent.get(`/api/campaigns/${t.campaignId}/recipients.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="Spring-launch-recipients.csv"');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const expected = oneBuiltCsv(await t.stored(), await t.fields());
      expect(bytesText(await response.arrayBuffer())).toBe(expected);
      expect(recipientsToCsv(await t.stored(), await t.fields())).toBe(expected);
    });
  }

  it('sends its first rows before it has read the rest (a row deleted after they arrived is not in the file)', async () => {
    const t = await setup(EXPORT_PAGE_ROWS * 2 + 7);
    const response = await t.agent.get(`/api/campaigns/${t.campaignId}/recipients.csv`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let received = '';
    while (!received.includes('p0@example.com')) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      received += decoder.decode(value, { stream: true });
    }
    // The first page is here; the last recipient has not been read yet: remove them now.
    const last = `p${EXPORT_PAGE_ROWS * 2 + 6}@example.com`;
    expect(received).not.toContain(last);
    await t.db.delete(recipients).where(and(eq(recipients.campaignId, t.campaignId), eq(recipients.emailKey, last)));
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += decoder.decode(chunk.value, { stream: true });
    expect(received).not.toContain(last);
    expect(received).toContain(`p${EXPORT_PAGE_ROWS * 2 + 5}@example.com`);
    expect(received).toBe(oneBuiltCsv(await t.stored(), await t.fields()));
  });

  it('reads a page at a time: the stream holds no more than one page before it is read', async () => {
    const t = await setup(EXPORT_PAGE_ROWS + 1);
    const stream = streamRecipientsCsv(t, t.campaignId, await t.fields());
    const reader = stream.getReader();
    const header = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await reader.read()).value);
    expect(header.startsWith('\uFEFFemail,first name,note,status')).toBe(true);
    const page = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await reader.read()).value);
    expect(page.split('@example.com').length - 1).toBe(EXPORT_PAGE_ROWS);
    const [{ n }] = (await t.db.all(sql`SELECT count(*) AS n FROM recipients WHERE campaign_id = ${t.campaignId}`)) as [{ n: number }];
    expect(n).toBe(EXPORT_PAGE_ROWS + 1);
    await reader.cancel();
  });
});
