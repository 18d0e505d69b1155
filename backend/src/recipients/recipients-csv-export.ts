import Papa from 'papaparse';
import type { AppDeps } from '../deps';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { recipientsAfter, type RecipientRow } from './recipient-store';

/**
 * The CSV a user downloads: the address, every merge field in the campaign's order, and the
 * delivery state. Recipients' data is not trusted: a value a spreadsheet would run as a formula is
 * defused ({@link defuseFormula}), and a value holding `;` is quoted, so a spreadsheet that splits
 * cells at semicolons (locales with a decimal comma) cannot start a new cell, and a formula, there.
 *
 * A recipient lacks the fields added by later imports: only its own fields are read (`Object.hasOwn`),
 * so a column named `constructor` or `__proto__` exports '' rather than a built-in of `Object`.
 */
export function recipientsToCsv(rows: RecipientRow[], fieldNames: string[]): string {
  const lines = csvLines(rows, fieldNames);
  // Papa's unparse ends a header with no rows under it with a line break: the bytes users have had.
  return csvHeader(fieldNames) + '\r\n' + lines;
}

/** Recipients read and written per piece of a streamed export: a few ms of work between two pauses. */
export const EXPORT_PAGE_ROWS = 500;

/**
 * {@link recipientsToCsv} for every recipient of a campaign, as a stream: the header first, then a
 * page of {@link EXPORT_PAGE_ROWS} recipients each time the reader asks for more, read in id order by
 * a keyset cursor. The same bytes as the one-piece CSV, but a 100,000-row export is never built in
 * memory nor holds the event loop (issue 17).
 *
 * @example return c.body(streamRecipientsCsv(deps, campaign.id, campaign.fields), 200, headers);
 */
export function streamRecipientsCsv(deps: Pick<AppDeps, 'db'>, campaignId: string, fieldNames: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader(fieldNames)));
      },
      async pull(controller) {
        await yieldToEventLoop();
        const rows = await recipientsAfter(deps, campaignId, afterId, EXPORT_PAGE_ROWS);
        // CRLF before each page; with no rows at all, the header still ends with one (as Papa writes it).
        if (rows.length > 0 || afterId === 0) controller.enqueue(encoder.encode('\r\n' + csvLines(rows, fieldNames)));
        if (rows.length > 0) afterId = rows[rows.length - 1]!.id;
        if (rows.length < EXPORT_PAGE_ROWS) controller.close();
      },
    },
    // One page at a time: the next is read only once the reader has taken this one.
    { highWaterMark: 0 },
  );
}

const CSV_OPTIONS = { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && value.includes(';') };

function csvHeader(fieldNames: string[]): string {
  const header = ['email', ...fieldNames, 'status', 'status_reason', 'last_event_at', 'added_at'];
  return '\uFEFF' + Papa.unparse([header.map(defuseFormula)], CSV_OPTIONS);
}

/** The rows' lines joined by CRLF, no line break before the first nor after the last. */
function csvLines(rows: readonly RecipientRow[], fieldNames: readonly string[]): string {
  if (rows.length === 0) return '';
  const data = rows.map((row) =>
    [
      row.email,
      ...fieldNames.map((name) => (Object.hasOwn(row.fields, name) ? String(row.fields[name]) : '')),
      row.status,
      row.statusReason ?? '',
      row.lastEventAt?.toISOString() ?? '',
      row.createdAt.toISOString(),
    ].map(defuseFormula),
  );
  return Papa.unparse(data, CSV_OPTIONS);
}

/**
 * OWASP "CSV Injection": a cell starting with `=`, `+`, `-`, `@`, tab or CR is read as a formula.
 * Spreadsheets skip leading spaces and line breaks (and a `;` can end the cell before it), so the
 * first character after those counts too. A leading apostrophe makes the cell text; it shows only
 * in the formula bar.
 *
 * @example defuseFormula(' =HYPERLINK("http://evil")') // `' =HYPERLINK("http://evil")`
 */
function defuseFormula(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

const FORMULA = /^(?:[\t\r]|[ \t\r\n;]*[=+\-@])/;
