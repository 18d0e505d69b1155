import { recordEnds } from '../../../shared/recipients-csv/line-breaks';

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
  const ends = recordEnds(text, delimiter);
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

/** Only delimiters, quotes and white space: no cell holds anything. */
function isBlankRecord(record: string, delimiter: string): boolean {
  for (const char of record) if (char !== delimiter && char !== '"' && char.trim() !== '' && char !== '\ufeff') return false;
  return true;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
