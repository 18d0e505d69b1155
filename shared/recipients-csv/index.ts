import Papa from 'papaparse';
import { checkEmailAddress } from '../lib/email-address';
import { multiLineTextProblem, singleLineTextProblem } from '../lib/unicode-text';
import { RECIPIENT_LIMITS } from '../schemas/recipients';
import { decodeCsvFile, type CsvFileError } from './decode-csv-file';
import { findEmailColumn, nameColumns } from './headers';
import { normaliseLineBreaks, recordSlices } from './line-breaks';

export { decodeCsvFile, type CsvFileError } from './decode-csv-file';
export { fileSizeProblem, formatFileSize, IMPORT_LIMITS, type ImportLimits } from './import-limits';

/**
 * An uploaded file's bytes → recipients: {@link decodeCsvFile} (UTF-8 text or refused), then
 * {@link parseRecipientsCsv}. What the server imports and what the panel checks before upload.
 *
 * @example
 * const parsed = readRecipientsCsv(new Uint8Array(await file.arrayBuffer()), { maxRows: IMPORT_LIMITS.maxRows });
 */
export function readRecipientsCsv(bytes: Uint8Array, options: ParseRecipientsOptions): ParseRecipientsResult {
  const decoded = decodeCsvFile(bytes);
  return decoded.ok ? parseRecipientsCsv(decoded.text, options) : decoded;
}

/**
 * {@link readRecipientsCsv} that pauses between slices of the work (`pause`, e.g. a `setImmediate`
 * promise), so a 100,000-row file never holds a server's event loop for long (issue 17). The same
 * steps in the same order as the synchronous reader, so both answer the same for every file.
 *
 * @example
 * const parsed = await readRecipientsCsvInSlices(body, { maxRows }, { pause: () => new Promise((resolve) => setImmediate(resolve)) });
 */
export async function readRecipientsCsvInSlices(
  bytes: Uint8Array,
  options: ParseRecipientsOptions,
  slicing: { pause: () => Promise<void>; slice?: { chars: number; rows: number } },
): Promise<ParseRecipientsResult> {
  const decoded = decodeCsvFile(bytes);
  if (!decoded.ok) return decoded;
  await slicing.pause();
  const steps = parseSteps(decoded.text, options, slicing.slice);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await slicing.pause();
  }
}

/**
 * CSV text → recipients, with every skipped row accounted for. Runtime-free: the backend runs it on
 * uploads and the extension's Web Worker runs it for the preview (issue 7), so both agree on what a
 * file contains.
 *
 * **Row numbers** (`row` below) are what a spreadsheet shows for the same file: the 1-based position
 * of the record in the file, so the header is row 1 when it is the first line. Blank lines count
 * (a spreadsheet shows them as empty rows) and a quoted value spanning several lines is one row,
 * so the rows after it keep their numbers. CRLF, LF and a lone CR all end a row, mixed in one file
 * ({@link normaliseLineBreaks}).
 *
 * **Short and long rows:** a row with fewer cells than the header is padded with ''. A row with more
 * (a value with an unquoted delimiter shifts every column after it) is listed in `invalid` with its
 * number, never imported with cells dropped; empty cells after the last column (Excel writes them)
 * do not count. A row that is blank (every cell empty or whitespace, e.g. `,,,`) is skipped silently.
 *
 * **Text:** headers refuse control characters (tab allowed; a line break, as in a wrapped spreadsheet
 * cell, reads as a space: see {@link nameColumns}); a value with one (tab, CR and LF allowed) makes
 * its row invalid, because SQLite's C API would cut it at a NUL. An address column with no value
 * containing `@` is a file-level `no-addresses` error: the wrong column was chosen.
 *
 * @example
 * const parsed = parseRecipientsCsv('Email,First name\nada@example.com,Ada\n', { maxRows: 100_000 });
 * if (parsed.ok) parsed.rows // [{ row: 2, email: 'ada@example.com', key: 'ada@example.com', fields: { 'First name': 'Ada' } }]
 */
export function parseRecipientsCsv(text: string, options: ParseRecipientsOptions): ParseRecipientsResult {
  const steps = parseSteps(text, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Characters of the file parsed between two pauses, and rows checked between two pauses: a few ms each. */
export const SLICE = { chars: 256 * 1024, rows: 1_000 };

/**
 * The reader's work as a generator: each `yield` is a point where a caller may pause (nothing is
 * held across it but this function's own state). The file is parsed record-aligned slice by slice
 * ({@link recordSlices}): a record never spans two slices, so each slice parses as it would in the whole.
 */
function* parseSteps(text: string, options: ParseRecipientsOptions, slice = SLICE): Generator<void, ParseRecipientsResult> {
  // A UTF-8 byte-order mark (Excel's "CSV UTF-8") would otherwise stick to the first header.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // Blank lines are kept (not `skipEmptyLines`) so that a record's index is its row number.
  const delimiter = guessDelimiter(text);
  const records: string[][] = [];
  for (const [from, to] of recordSlices(text, delimiter, slice.chars)) {
    const parsed = Papa.parse<string[]>(normaliseLineBreaks(text.slice(from, to), delimiter), { delimiter, newline: '\n', skipEmptyLines: false, header: false, dynamicTyping: false });
    // An unclosed or misplaced quote makes the parser read on into the following rows, silently
    // merging them into one value: refuse the file and point at the row rather than lose recipients.
    const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
    if (quoteError) return { ok: false, error: 'malformed-quotes', row: records.length + (quoteError.row ?? 0) + 1 };
    for (const record of parsed.data) records.push(record);
    yield;
  }
  let headerAt = 0;
  while (headerAt < records.length && isBlank(records[headerAt]!)) headerAt++;
  if (headerAt === records.length) return { ok: false, error: 'empty-file' };

  let dataRows = records.length - headerAt - 1;
  if (dataRows > options.maxRows) {
    dataRows = 0;
    for (let i = headerAt + 1; i < records.length; i++) if (!isBlank(records[i]!)) dataRows++;
    if (dataRows > options.maxRows) return { ok: false, error: 'too-many-rows', rows: dataRows, maxRows: options.maxRows };
  }

  const headers = dropEmptyTrailingColumns(records, headerAt);
  const names = nameColumns(headers);
  for (let column = 0; column < names.length; column++) {
    const problem = singleLineTextProblem(names[column]!);
    if (problem) return { ok: false, error: 'bad-header', column: column + 1, header: names[column]!, problem };
  }
  const emailIndex = findEmailColumn(names, options.emailColumn);
  if (emailIndex === -1) {
    return { ok: false, error: 'no-email-column', headers: names, ...(options.emailColumn === undefined ? {} : { requested: options.emailColumn }) };
  }

  const fields = names.filter((_, index) => index !== emailIndex);
  // The JSON API's limits hold for files too: a file cannot store what a request could not.
  if (fields.length > RECIPIENT_LIMITS.fields) return { ok: false, error: 'too-many-columns', columns: fields.length, maxColumns: RECIPIENT_LIMITS.fields };
  const longHeader = fields.find((name) => name.length > RECIPIENT_LIMITS.fieldNameLength);
  if (longHeader !== undefined) return { ok: false, error: 'header-too-long', header: longHeader, maxLength: RECIPIENT_LIMITS.fieldNameLength };
  const fieldColumns = names.map((_, index) => index).filter((index) => index !== emailIndex);
  const fieldCount = fields.length;
  // A column called `__proto__` would set a plain object's prototype instead of a key: use objects
  // without a prototype then (only then: V8 keeps those in slower dictionary mode).
  const prototypeFree = fields.includes('__proto__');

  const rows: CsvRecipient[] = [];
  const invalid: InvalidRow[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let hasRows = false;
  let hasAddressLike = false;
  for (let i = headerAt + 1; i < records.length; i++) {
    if ((i - headerAt) % slice.rows === 0) yield;
    const cells = records[i]!;
    const value = cells[emailIndex] ?? '';
    if (value.trim() === '' && isBlank(cells)) continue;
    hasRows = true;
    if (!hasAddressLike && value.includes('@')) hasAddressLike = true;
    const used = usedCells(cells);
    if (used > names.length) {
      invalid.push({ row: i + 1, value, reason: `Row has ${used} cells but the header has ${names.length} column${names.length === 1 ? '' : 's'}` });
      continue;
    }
    const address = checkEmailAddress(value);
    if (!address.ok) {
      invalid.push({ row: i + 1, value, reason: address.reason });
      continue;
    }
    // Before the duplicate check: a row refused here must not make a later one with its address a "duplicate".
    const problem = valuesProblem(cells, fieldColumns, fields);
    if (problem) {
      invalid.push({ row: i + 1, value, reason: problem });
      continue;
    }
    if (seen.has(address.key)) {
      duplicates++;
      continue;
    }
    seen.add(address.key);
    const record: Record<string, string> = prototypeFree ? Object.create(null) : {};
    for (let f = 0; f < fieldCount; f++) record[fields[f]!] = cells[fieldColumns[f]!] ?? '';
    rows.push({ row: i + 1, email: address.email, key: address.key, fields: record });
  }
  if (hasRows && !hasAddressLike) return { ok: false, error: 'no-addresses', emailColumn: names[emailIndex]!, headers: names };
  return { ok: true, emailColumn: names[emailIndex]!, fields, rows, invalid, duplicates, delimiter };
}

export type ParseRecipientsOptions = {
  /** The header of the address column, compared like merge-field names; found from the headers when absent. */
  emailColumn?: string | undefined;
  /** Most data rows accepted (blank lines not counted); more is the `too-many-rows` error. */
  maxRows: number;
};

export type CsvRecipient = {
  row: number;
  /** The address as written (trimmed, `Name <...>` unwrapped). */
  email: string;
  /** The comparison key (lower-cased), unique within `rows`. */
  key: string;
  /** Every column except the address, keyed by `fields`' names; values as written, '' when empty. */
  fields: Record<string, string>;
};

export type InvalidRow = { row: number; value: string; reason: string };

export type ParsedRecipients = {
  ok: true;
  emailColumn: string;
  /** The merge fields: every other column, named by {@link nameColumns}, in file order. */
  fields: string[];
  rows: CsvRecipient[];
  invalid: InvalidRow[];
  /** Rows skipped because an earlier row has the same address (case-insensitive); the first wins. */
  duplicates: number;
  delimiter: string;
};

export type RecipientsCsvError =
  | { ok: false; error: 'empty-file' }
  | { ok: false; error: 'no-email-column'; headers: string[]; requested?: string }
  | { ok: false; error: 'too-many-rows'; rows: number; maxRows: number }
  | { ok: false; error: 'malformed-quotes'; row: number }
  | { ok: false; error: 'too-many-columns'; columns: number; maxColumns: number }
  | { ok: false; error: 'header-too-long'; header: string; maxLength: number }
  /** A header with a control character; `column` counts from 1, `problem` is the phrase from shared/lib/unicode-text. */
  | { ok: false; error: 'bad-header'; column: number; header: string; problem: string }
  /** No value of the address column contains an `@`: `emailColumn` names it, `headers` offers the others. */
  | { ok: false; error: 'no-addresses'; emailColumn: string; headers: string[] }
  | CsvFileError;

export type ParseRecipientsResult = ParsedRecipients | RecipientsCsvError;

/**
 * The delimiter: comma, semicolon (Excel in locales with a decimal comma) or tab. Papaparse's own guess
 * averages the field count over the first rows, blank lines included, so a two-column file with a
 * trailing newline fails it; guessing on a preview that skips blank lines avoids that. The preview's
 * line breaks are made LF first, so a file of mixed endings is guessed on its real rows (the quotes
 * are not respected there, which is harmless for a guess). One column (no delimiter at all) falls back
 * to a comma, which is right for it.
 */
export function guessDelimiter(text: string): string {
  const preview = text.slice(0, GUESS_FROM_CHARS).replace(/\r\n?/g, '\n');
  const { meta } = Papa.parse<string[]>(preview, { delimiter: '', delimitersToGuess: [',', ';', '\t'], newline: '\n', skipEmptyLines: 'greedy', preview: 1 });
  return meta.delimiter || ',';
}

/** Papaparse guesses from its first ten rows; a megabyte holds them unless values are very long. */
const GUESS_FROM_CHARS = 1024 * 1024;

/** Cells up to the last one holding something: `a,b,c,,` is three (Excel writes the trailing ones). */
function usedCells(cells: readonly string[]): number {
  let used = cells.length;
  while (used > 0 && cells[used - 1]!.trim() === '') used--;
  return used;
}

/** Why one of the row's field values cannot be stored, naming the column, or null. The JSON API's limits and text rules. */
function valuesProblem(cells: readonly string[], fieldColumns: readonly number[], fields: readonly string[]): string | null {
  for (let f = 0; f < fieldColumns.length; f++) {
    const value = cells[fieldColumns[f]!];
    if (value === undefined || value === '') continue;
    if (value.length > RECIPIENT_LIMITS.valueLength) return `its “${fields[f]}” value is over ${RECIPIENT_LIMITS.valueLength.toLocaleString('en-US')} characters`;
    const problem = multiLineTextProblem(value);
    if (problem) return `its “${fields[f]}” value ${problem}`;
  }
  return null;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * A delimiter at the end of every line (some exports write one) makes an extra column with no header
 * and no values: drop such columns. A headerless column that holds values is kept (as `Column N`).
 */
function dropEmptyTrailingColumns(records: readonly string[][], headerAt: number): string[] {
  const headers = records[headerAt]!.slice();
  while (headers.length > 1 && headers[headers.length - 1]!.trim() === '') {
    const column = headers.length - 1;
    let hasValues = false;
    for (let i = headerAt + 1; i < records.length && !hasValues; i++) hasValues = (records[i]![column] ?? '').trim() !== '';
    if (hasValues) break;
    headers.pop();
  }
  return headers;
}
