import Papa from 'papaparse';
import type { RecipientRow } from './recipient-store';

/**
 * The CSV a user downloads: the address, every merge field in the campaign's order, and the
 * delivery state. A value that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a
 * leading apostrophe (OWASP "CSV injection"): recipients' data is not trusted.
 */
export function recipientsToCsv(rows: RecipientRow[], fieldNames: string[]): string {
  const header = ['email', ...fieldNames, 'status', 'status_reason', 'last_event_at', 'added_at'];
  const data = rows.map((row) => [
    row.email,
    ...fieldNames.map((name) => row.fields[name] ?? ''),
    row.status,
    row.statusReason ?? '',
    row.lastEventAt?.toISOString() ?? '',
    row.createdAt.toISOString(),
  ]);
  return '\uFEFF' + Papa.unparse({ fields: header.map(defuseFormula), data: data.map((cells) => cells.map(defuseFormula)) }, { newline: '\r\n' });
}

function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
