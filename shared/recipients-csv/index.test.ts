import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecipientsCsv, type ParsedRecipients, type ParseRecipientsOptions } from './index';

/** Fixtures are read as UTF-8 text, as the backend hands them over after decoding (BOM kept). */
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function parse(name: string, options: Partial<ParseRecipientsOptions> = {}): ParsedRecipients {
  const result = parseRecipientsCsv(fixture(name), { maxRows: 1000, ...options });
  if (!result.ok) throw new Error(`expected ${name} to parse, got ${JSON.stringify(result)}`);
  return result;
}

const emails = (parsed: ParsedRecipients) => parsed.rows.map((r) => r.email);

describe('parseRecipientsCsv', () => {
  it('drops a UTF-8 byte-order mark so the first header is still "Email"', () => {
    expect(fixture('bom.csv').charCodeAt(0)).toBe(0xfeff);
    const parsed = parse('bom.csv');
    expect(parsed.emailColumn).toBe('Email');
    expect(parsed.fields).toEqual(['First name']);
    expect(parsed.rows[0]).toEqual({ row: 2, email: 'ada@example.com', key: 'ada@example.com', fields: { 'First name': 'Ada' } });
  });

  it('detects semicolons (Excel with a decimal comma) and keeps quoted commas in values', () => {
    const parsed = parse('semicolon.csv');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows.map((r) => r.fields)).toEqual([
      { 'First name': 'Ada', Amount: '1,50' },
      { 'First name': 'Grace', Amount: '2,75' },
    ]);
  });

  it('detects tabs, leaving commas inside values alone', () => {
    const parsed = parse('tab.csv');
    expect(parsed.delimiter).toBe('\t');
    expect(parsed.rows[0]!.fields).toEqual({ 'First name': 'Ada', Company: 'Analytical Engines, Ltd' });
  });

  it('reads quoted values that contain commas', () => {
    const parsed = parse('quoted-commas.csv');
    expect(parsed.rows.map((r) => r.fields)).toEqual([
      { company: 'Babbage, Lovelace & Co', city: 'London' },
      { company: 'Remington Rand, Inc.', city: 'Arlington, VA' },
    ]);
  });

  it('reads doubled quotes inside quoted values as one quote', () => {
    const parsed = parse('quoted-quotes.csv');
    expect(parsed.rows.map((r) => r.fields.nickname)).toEqual(['The "Enchantress" of Numbers', '"Amazing" Grace']);
  });

  it('keeps line breaks inside quoted values, and numbers the rows after them as a spreadsheet does', () => {
    const parsed = parse('quoted-line-breaks.csv');
    expect(parsed.rows.map((r) => [r.row, r.email])).toEqual([
      [2, 'ada@example.com'],
      [3, 'grace@example.com'],
      [5, 'alan@example.com'],
    ]);
    expect(parsed.rows[0]!.fields.address).toBe("12 St James's Square\nLondon\nSW1Y 4JH");
    expect(parsed.rows[1]!.fields.address).toBe('Arlington\r\nVirginia');
    expect(parsed.invalid).toEqual([{ row: 4, value: 'not-an-address', reason: 'The address has no @' }]);
  });

  it('reads CRLF and LF files alike, with no stray carriage return in the last column', () => {
    const crlf = parse('crlf.csv');
    expect(fixture('crlf.csv')).toContain('\r\n');
    expect(crlf.rows.map((r) => [r.row, r.email, r.fields])).toEqual([
      [2, 'ada@example.com', { 'First name': 'Ada' }],
      [3, 'grace@example.com', { 'First name': 'Grace' }],
    ]);
    const lf = parse('lf.csv');
    expect(lf.rows.map((r) => [r.row, r.fields['First name']])).toEqual([
      [2, 'Ada'],
      [3, 'Grace'],
      [4, 'Alan'],
    ]);
  });

  it('skips blank lines (and lines of only delimiters or spaces) but still counts them as rows', () => {
    const parsed = parse('empty-lines.csv');
    expect(parsed.emailColumn).toBe('Email');
    expect(parsed.rows.map((r) => [r.row, r.email])).toEqual([
      [4, 'ada@example.com'],
      [7, 'grace@example.com'],
    ]);
    expect(parsed.invalid).toEqual([{ row: 10, value: 'broken@', reason: 'The domain has no dot' }]);
  });

  it('drops the empty column a trailing delimiter makes', () => {
    const parsed = parse('trailing-delimiter.csv');
    expect(parsed.fields).toEqual(['First name']);
    expect(parsed.rows[1]!.fields).toEqual({ 'First name': 'Grace' });
  });

  it('trims headers, names blank ones by position and numbers repeated ones', () => {
    const parsed = parse('duplicate-and-blank-headers.csv');
    expect(parsed.emailColumn).toBe('Email');
    // `name` repeats `Name` as far as merge tags are concerned (case-insensitive), so it is numbered
    // too; the last column has a value, so it stays despite its blank header.
    expect(parsed.fields).toEqual(['Name', 'Name (2)', 'Column 4', 'name (3)', 'Column 6']);
    expect(parsed.rows[0]!.fields).toEqual({ Name: 'Ada', 'Name (2)': 'Lovelace', 'Column 4': '1815', 'name (3)': 'Countess', 'Column 6': 'x' });
  });

  it('answers no-email-column with the headers it saw', () => {
    expect(parseRecipientsCsv(fixture('no-email-column.csv'), { maxRows: 10 })).toEqual({
      ok: false,
      error: 'no-email-column',
      headers: ['Name', 'Company'],
    });
  });

  it('takes the address from the column named by emailColumn, case-insensitively', () => {
    const parsed = parse('email-column-override.csv', { emailColumn: ' work ADDRESS' });
    expect(parsed.emailColumn).toBe('Work address');
    expect(parsed.fields).toEqual(['Name', 'Email']);
    expect(parsed.rows.map((r) => [r.email, r.fields])).toEqual([
      ['ada@work.example.com', { Name: 'Ada', Email: 'ada@home.example.com' }],
      ['grace@work.example.com', { Name: 'Grace', Email: '' }],
    ]);
    // Without the override the column named "Email" is the address (and Grace's is empty).
    expect(parse('email-column-override.csv').invalid).toEqual([{ row: 3, value: '', reason: 'The address is empty' }]);
  });

  it('answers no-email-column when emailColumn names no column', () => {
    expect(parseRecipientsCsv(fixture('lf.csv'), { maxRows: 10, emailColumn: 'Mail to' })).toEqual({
      ok: false,
      error: 'no-email-column',
      headers: ['Email', 'First name'],
      requested: 'Mail to',
    });
  });

  it('reports invalid addresses with their row, value and reason, and skips them', () => {
    const parsed = parse('invalid-rows.csv');
    expect(emails(parsed)).toEqual(['ada@example.com', 'grace@example.com']);
    expect(parsed.invalid).toEqual([
      { row: 3, value: 'ada.example.com', reason: 'The address has no @' },
      { row: 4, value: '', reason: 'The address is empty' },
      { row: 5, value: 'grace@example', reason: 'The domain has no dot' },
      { row: 7, value: 'alan turing@example.com', reason: 'The address contains a space' },
    ]);
  });

  it('counts repeated addresses (case-insensitive) as duplicates and keeps the first', () => {
    const parsed = parse('duplicates.csv');
    expect(parsed.rows.map((r) => [r.row, r.email, r.fields.name])).toEqual([
      [2, 'ada@example.com', 'Ada'],
      [4, 'grace@example.com', 'Grace'],
    ]);
    expect(parsed.duplicates).toBe(3);
  });

  it('pads short rows with empty values and reports a row with more cells than the header by its number', () => {
    const parsed = parse('short-and-long-rows.csv');
    expect(parsed.rows.map((r) => [r.row, r.email, r.fields])).toEqual([
      [2, 'ada@example.com', { first: '', last: '' }],
      // Empty cells after the last column (Excel writes them) are no extra data.
      [4, 'alan@example.com', { first: 'Alan', last: 'Turing' }],
      [5, 'edsger@example.com', { first: 'Edsger', last: 'Dijkstra' }],
    ]);
    expect(parsed.invalid).toEqual([{ row: 3, value: 'grace@example.com', reason: 'Row has 5 cells but the header has 3 columns' }]);
  });

  it('reads a file with both CRLF and LF line endings (two exports joined) row by row, as a spreadsheet shows it', () => {
    const text = fixture('mixed-line-breaks.csv');
    expect(text).toContain('plain\r\nEmail');
    expect(text).toContain('Edsger,plain\nbarbara');
    const parsed = parse('mixed-line-breaks.csv');
    expect(parsed.rows.map((r) => [r.row, r.email, r.fields])).toEqual([
      // A line break inside quotes is part of the value and is kept as written.
      [2, 'ada@example.com', { Name: 'Ada', Note: 'Line one\r\nline two' }],
      [3, 'grace@example.com', { Name: 'Grace', Note: 'plain' }],
      [5, 'alan@example.com', { Name: 'Alan', Note: 'Line one\nline two' }],
      [6, 'edsger@example.com', { Name: 'Edsger', Note: 'plain' }],
      [7, 'barbara@example.com', { Name: 'Barbara', Note: 'plain' }],
    ]);
    // The second export's header is a row like any other.
    expect(parsed.invalid).toEqual([{ row: 4, value: 'Email', reason: 'The address has no @' }]);
  });

  it('ends a row at every CRLF, LF or lone CR outside quotes', () => {
    const parsed = parseRecipientsCsv('Email,Name\rada@example.com,Ada\ngrace@example.com,"Grace\rHopper"\r\nalan@example.com,Alan\r', { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => [r.row, r.email, r.fields.Name])).toEqual([
      [2, 'ada@example.com', 'Ada'],
      [3, 'grace@example.com', 'Grace\rHopper'],
      [4, 'alan@example.com', 'Alan'],
    ]);
  });

  it('refuses a header with a control character, naming the column', () => {
    expect(parseRecipientsCsv('Email,Na\u0001me\nada@example.com,Ada\n', { maxRows: 10 })).toEqual({
      ok: false,
      error: 'bad-header',
      column: 2,
      header: 'Na\u0001me',
      problem: 'contains a control character (U+0001)',
    });
  });

  it('reads a header written on two lines (a wrapped spreadsheet cell) as one name', () => {
    const parsed = parse('quoted-header.csv');
    expect(parsed.fields).toEqual(['First name', 'Note\tto self']);
    expect(parsed.rows[0]!.fields).toEqual({ 'First name': 'Ada', 'Note\tto self': 'x' });
  });

  it('counts a row whose value holds NUL or another control character as invalid, naming the column, and keeps tabs and line breaks', () => {
    const parsed = parseRecipientsCsv('Email,Name,Notes\nada@example.com,Ada,"before\u0000after"\ngrace@example.com,Gr\u007Face,x\nalan@example.com,Alan,"tab\there\r\nnext line"\n', { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => [r.row, r.fields])).toEqual([[4, { Name: 'Alan', Notes: 'tab\there\r\nnext line' }]]);
    expect(parsed.ok && parsed.invalid).toEqual([
      { row: 2, value: 'ada@example.com', reason: 'its “Notes” value contains a control character (U+0000)' },
      { row: 3, value: 'grace@example.com', reason: 'its “Name” value contains a control character (U+007F)' },
    ]);
  });

  it('does not count a later row as a duplicate of an earlier one that was refused', () => {
    const parsed = parseRecipientsCsv('Email,Notes\nada@example.com,"a\u0000"\nADA@example.com,fine\n', { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => [r.row, r.email])).toEqual([[3, 'ADA@example.com']]);
    expect(parsed.ok && parsed.duplicates).toBe(0);
  });

  it('refuses addresses with invisible or direction-changing characters as invalid rows', () => {
    const parsed = parseRecipientsCsv('Email\nada@example.com\nbob\u202E@example.com\ncarol\u200B@example.com\n', { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => r.email)).toEqual(['ada@example.com']);
    expect(parsed.ok && parsed.invalid.map((r) => [r.row, r.reason])).toEqual([
      [3, 'The address contains an invisible or direction-changing character (U+202E)'],
      [4, 'The address contains an invisible or direction-changing character (U+200B)'],
    ]);
  });

  it('answers no-addresses, naming the column, when the address column holds nothing like an address', () => {
    expect(parseRecipientsCsv(fixture('email-column-override.csv'), { maxRows: 10, emailColumn: 'name' })).toEqual({
      ok: false,
      error: 'no-addresses',
      emailColumn: 'Name',
      headers: ['Name', 'Work address', 'Email'],
    });
    // A header with no rows is not that error: there is nothing to look at yet.
    expect(parseRecipientsCsv('Name,Email\n', { maxRows: 10, emailColumn: 'Name' }).ok).toBe(true);
  });

  it('refuses a file with an unclosed quote, naming the row, rather than merge the rows after it', () => {
    expect(parseRecipientsCsv(fixture('unclosed-quote.csv'), { maxRows: 10 })).toEqual({ ok: false, error: 'malformed-quotes', row: 3 });
  });

  it('answers too-many-rows past maxRows, not counting blank lines', () => {
    expect(parseRecipientsCsv(fixture('lf.csv'), { maxRows: 2 })).toEqual({ ok: false, error: 'too-many-rows', rows: 3, maxRows: 2 });
    expect(parseRecipientsCsv(fixture('lf.csv'), { maxRows: 3 }).ok).toBe(true);
    // 11 records after the header, 3 of them with content (one invalid).
    expect(parseRecipientsCsv(fixture('empty-lines.csv'), { maxRows: 3 }).ok).toBe(true);
  });

  it('answers empty-file for a file with nothing but a BOM and blank lines', () => {
    expect(parseRecipientsCsv(fixture('blank.csv'), { maxRows: 10 })).toEqual({ ok: false, error: 'empty-file' });
    expect(parseRecipientsCsv('', { maxRows: 10 })).toEqual({ ok: false, error: 'empty-file' });
  });

  it('accepts a header with no rows', () => {
    const parsed = parse('header-only.csv');
    expect(parsed).toMatchObject({ emailColumn: 'email', fields: ['name'], rows: [], invalid: [], duplicates: 0 });
  });

  it('keeps columns named __proto__ or constructor as ordinary fields', () => {
    const fields = parse('proto-header.csv').rows[0]!.fields;
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });

  it('finds the address column under its usual names', () => {
    for (const header of ['email', 'E-mail', ' Email Address ', 'e-mail address', 'MAIL', 'email_address']) {
      const parsed = parseRecipientsCsv(`Name,${header}\nAda,ada@example.com\n`, { maxRows: 10 });
      expect(parsed.ok && parsed.rows[0]!.email).toBe('ada@example.com');
    }
  });

  it('reads a one-column file', () => {
    const parsed = parseRecipientsCsv('Email\nada@example.com\ngrace@example.com', { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => r.email)).toEqual(['ada@example.com', 'grace@example.com']);
  });

  it('holds files to the JSON API\'s limits: a row with a value over 10,000 characters is invalid, with the column named', () => {
    const long = 'x'.repeat(10_001);
    const parsed = parseRecipientsCsv(`Email,Name,Notes\nada@example.com,Ada,${long}\ngrace@example.com,Grace,${'y'.repeat(10_000)}\n`, { maxRows: 10 });
    expect(parsed.ok && parsed.rows.map((r) => r.email)).toEqual(['grace@example.com']);
    expect(parsed.ok && parsed.invalid).toEqual([{ row: 2, value: 'ada@example.com', reason: 'its “Notes” value is over 10,000 characters' }]);
  });

  it('refuses a file with more than 100 merge-field columns, or a column name over 200 characters', () => {
    const wide = ['Email', ...Array.from({ length: 101 }, (_, i) => `c${i}`)].join(',');
    expect(parseRecipientsCsv(`${wide}\nada@example.com\n`, { maxRows: 10 })).toEqual({ ok: false, error: 'too-many-columns', columns: 101, maxColumns: 100 });
    const exactly = ['Email', ...Array.from({ length: 100 }, (_, i) => `c${i}`)].join(',');
    expect(parseRecipientsCsv(`${exactly}\nada@example.com\n`, { maxRows: 10 }).ok).toBe(true);
    const longName = 'n'.repeat(201);
    expect(parseRecipientsCsv(`Email,${longName}\nada@example.com,1\n`, { maxRows: 10 })).toEqual({ ok: false, error: 'header-too-long', header: longName, maxLength: 200 });
  });
});
