import { describe, expect, it } from 'vitest';
import { csvProblemText } from './csv-problem-text';
import type { CsvSummary } from './csv-protocol';
import { summariseCsv } from './summarise-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);

function problemOf(summary: CsvSummary) {
  if (summary.ok) throw new Error('expected the file to be refused');
  return summary;
}

describe('the panel’s check of a file before upload', () => {
  it('says "This is not a CSV file" for an image renamed .csv, offering no columns', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    const { summary, text } = summariseCsv(png, { maxRows: 100 });
    expect(summary).toEqual({ ok: false, error: 'not-text' });
    expect(text).toBe('');
    expect(csvProblemText('logo.csv', problemOf(summary))).toMatch(/^This is not a CSV file: logo\.csv/);
  });

  it('refuses a Latin-1 file before upload, as the server would', () => {
    const latin1 = Uint8Array.from([...utf8('email,name\nada@example.com,'), 0xc9, 0x6c, 0xe9, 0x6e, 0x61, 0x0a]);
    expect(summariseCsv(latin1, { maxRows: 100 }).summary).toEqual({ ok: false, error: 'invalid-utf8', encoding: 'unknown' });
  });

  it('lists a row with more cells than the header by its number, and uploads the text as read', () => {
    const csv = 'email,name\r\nada@example.com,Ada\r\ngrace@example.com,Grace,Hopper\nalan@example.com,Alan\n';
    const { summary, text } = summariseCsv(utf8(csv), { maxRows: 100 });
    expect(summary).toMatchObject({
      ok: true,
      rows: 2,
      invalidCount: 1,
      invalid: [{ row: 3, value: 'grace@example.com', reason: 'Row has 3 cells but the header has 2 columns' }],
    });
    expect(text).toBe(csv);
  });

  it('names the chosen column when it holds no address', () => {
    const { summary } = summariseCsv(utf8('name,email\nAda,ada@example.com\n'), { maxRows: 100, emailColumn: 'name' });
    expect(summary).toEqual({ ok: false, error: 'no-addresses', emailColumn: 'name', headers: ['name', 'email'] });
    expect(csvProblemText('people.csv', problemOf(summary))).toBe('The column “name” holds no email address. Which column of people.csv does?');
  });
});
