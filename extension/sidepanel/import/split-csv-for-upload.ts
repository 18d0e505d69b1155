
/** One upload request's worth of a CSV: the header record, then a run of the file's records. */
export interface CsvUploadPart {
  /** The header (and any blank lines before it), then this part's records, exactly as in the file. */
  text: string;
  /** Records of this part (blank lines included: they keep row numbers). */
  records: number;
  /** UTF-8 bytes of the file this part carries; the header counts in the first part only, so the parts add up to the file. */
  bytes: number;
  /** Add to a row number the server gives for this part to get the row number in the whole file. */
  rowShift: number;
  /** The row number (in the whole file) of this part's first record. */
  firstRow: number;
  /**
   * False when no record of the part holds an `@` or all are blank: every row in it is blank or invalid
   * (the panel's check of the whole file lists those), and the server would refuse the part as having
   * no address. Its bytes still count as done.
   */
  send: boolean;
}

/**
 * Cuts a checked CSV into parts of at most `recordsPerPart` records, each a CSV of its own (the header
 * first), so the panel can upload a large file in requests and show true progress: a part counts as
 * sent when the server has accepted it. Service workers have no XMLHttpRequest and fetch reports no
 * upload progress, so progress is counted in accepted parts (MV3).
 *
 * Records end where the shared parser ends them (shared/recipients-csv/line-breaks.ts): at CRLF, LF or
 * a lone CR outside a quoted value; a quote opens a value only as a field's first character and closes
 * it when followed by optional spaces and then the delimiter, a line break or the end. A part whose
 * records are all blank or hold no `@` is marked not to be sent.
 *
 * @example splitCsvForUpload('email\na@x.test\nb@x.test\n', 1).map((p) => p.text) // ['email\na@x.test\n', 'email\nb@x.test\n']
 */
export function splitCsvForUpload(text: string, recordsPerPart: number, delimiter: string): CsvUploadPart[] {
  const ends = recordEnds(text, delimiter.charCodeAt(0));
  const starts = [0, ...ends.slice(0, -1)];
  let header = 0;
  while (header < ends.length && isBlankRecord(text.slice(starts[header], ends[header]), delimiter)) header++;
  if (header >= ends.length) return [{ text, records: ends.length, bytes: utf8Length(text), rowShift: 0, firstRow: 1, send: true }];
  const prefix = text.slice(0, ends[header]);

  const parts: CsvUploadPart[] = [];
  for (let first = header + 1; first < ends.length || parts.length === 0; first += recordsPerPart) {
    const last = Math.min(ends.length, first + recordsPerPart);
    const body = first < last ? text.slice(starts[first], ends[last - 1]) : '';
    const isFirst = parts.length === 0;
    parts.push({
      // A header without a line break (the file's last line) needs one before the records.
      text: isFirst ? prefix + body : prefix + (/[\r\n]$/.test(prefix) ? '' : '\n') + body,
      records: last - first,
      bytes: utf8Length(isFirst ? prefix + body : body),
      rowShift: first - header - 1,
      firstRow: first + 1,
      send: isFirst || (body.includes('@') && !isBlankRecord(body, delimiter)),
    });
  }
  return parts;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/** The index just after each record (its line break included), the last one `text.length`. */
function recordEnds(text: string, delim: number): number[] {
  const ends: number[] = [];
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && fieldStart) {
      i = endOfQuoted(text, i + 1, delim);
      fieldStart = false;
    } else if (c === CR || c === LF) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      ends.push(i + 1);
      fieldStart = true;
    } else {
      fieldStart = c === delim;
    }
  }
  if (ends.at(-1) !== text.length) ends.push(text.length);
  return ends;
}

/** The index of the quote that closes the value opened before `from`: the rule of shared/recipients-csv/line-breaks.ts. */
function endOfQuoted(text: string, from: number, delim: number): number {
  for (let i = text.indexOf('"', from); i !== -1; i = text.indexOf('"', i + 1)) {
    if (text.charCodeAt(i + 1) === QUOTE) {
      i++;
      continue;
    }
    let after = i + 1;
    while (text.charCodeAt(after) === SPACE) after++;
    const next = text.charCodeAt(after);
    if (after >= text.length || next === delim || next === CR || next === LF) return after - 1;
  }
  return text.length - 1;
}

/** Only delimiters, quotes and white space: no cell holds anything. */
function isBlankRecord(record: string, delimiter: string): boolean {
  for (const char of record) if (char !== delimiter && char !== '"' && char.trim() !== '' && char !== '\ufeff') return false;
  return true;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
