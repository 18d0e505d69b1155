import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { signedInWithDraft } from '../testing/draft-campaign';
import { createTestApp } from '../testing/test-app';
import { closedAfterEach } from '../testing/use-test-app';

const freshApp = closedAfterEach(createTestApp);

/** A signed-in user with one draft campaign; `importCsv` uploads, `exported` downloads and parses the export. */
async function setup() {
  const { agent, campaignId, upload } = await signedInWithDraft(await freshApp(), 'exporter@example.com');
  const importCsv = async (csv: string) => expect((await upload(csv)).status).toBe(201);
  const exported = async () => {
    const response = await agent.get(`/api/campaigns/${campaignId}/recipients.csv`);
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data;
    return { text, header: header!, rows: rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]]))) };
  };
  return { importCsv, exported };
}

describe('GET /api/campaigns/:id/recipients.csv', () => {
  it('defuses a formula that hides behind leading spaces, tabs, line breaks or semicolons', async () => {
    const t = await setup();
    const values = [' =HYPERLINK("http://evil.example")', '\t=1+1', '\r\n@SUM(A1)', ';=1+1', ' ; -2+3', '+1', 'a-b', '  plain', 'x;=1+1'];
    await t.importCsv(['email,note', ...values.map((value, i) => `r${i}@example.com,"${value.replace(/"/g, '""')}"`)].join('\n'));
    const { text, rows } = await t.exported();
    expect(rows.map((row) => row.note)).toEqual([
      `' =HYPERLINK("http://evil.example")`,
      `'\t=1+1`,
      `'\r\n@SUM(A1)`,
      `';=1+1`,
      `' ; -2+3`,
      `'+1`,
      'a-b',
      '  plain',
      'x;=1+1',
    ]);
    // Quoted, so a spreadsheet that splits cells at semicolons (decimal-comma locales) keeps it whole.
    expect(text).toContain('r8@example.com,"x;=1+1",pending');
  });

  it('exports an empty cell, not a built-in of Object, for recipients without a "constructor" field', async () => {
    const t = await setup();
    await t.importCsv('email,constructor,__proto__\nada@example.com,builder,proto\n');
    await t.importCsv('email,name\ngrace@example.com,Grace\n');
    const { header, rows, text } = await t.exported();
    expect(header.slice(0, 4)).toEqual(['email', 'constructor', '__proto__', 'name']);
    expect(rows.map((row) => [row.email, row.constructor, row.__proto__, row.name])).toEqual([
      ['ada@example.com', 'builder', 'proto', ''],
      ['grace@example.com', '', '', 'Grace'],
    ]);
    expect(text).not.toContain('native code');
    expect(text).not.toContain('[object Object]');
  });
});
