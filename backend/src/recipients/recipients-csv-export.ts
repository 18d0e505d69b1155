import Papa from 'papaparse';
import type { RecipientRow } from './recipient-store';

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
  const header = ['email', ...fieldNames, 'status', 'status_reason', 'last_event_at', 'added_at'];
  const data = rows.map((row) => [
    row.email,
    ...fieldNames.map((name) => (Object.hasOwn(row.fields, name) ? String(row.fields[name]) : '')),
    row.status,
    row.statusReason ?? '',
    row.lastEventAt?.toISOString() ?? '',
    row.createdAt.toISOString(),
  ]);
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: header.map(defuseFormula), data: data.map((cells) => cells.map(defuseFormula)) },
      { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && value.includes(';') },
    )
  );
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
