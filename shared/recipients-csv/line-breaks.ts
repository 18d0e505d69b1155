/**
 * Makes every line break outside quoted values a single LF, so that a file with mixed endings (two
 * exports joined, one from Windows and one from a Mac) is read one row per line, as a spreadsheet
 * shows it. Papaparse takes one newline sequence per file; given CRLF, a later LF-only row was read
 * into the previous row's last value and the row after it vanished (issue 12).
 *
 * CRLF, LF and a lone CR (classic Mac) each end a row, as in RFC 4180 §2.1 read liberally. A line break
 * **inside** a quoted value is data and is kept as written: the spreadsheet shows it inside the cell.
 *
 * Quotes are read as papaparse reads them, so both agree on where values start and end: a quote opens
 * a value only as the first character of a field; inside one, `""` is a quote and a quote followed by
 * optional spaces and then the delimiter, a line break or the end closes it. Any other quote is left
 * for the parser, which reports it (`malformed-quotes`); an unclosed quote runs to the end of the file.
 * Records keep their count, so a record's index is still its row number.
 *
 * @example normaliseLineBreaks('a,b\r\n1,"x\r\ny"\n2,z\r3,w', ',') // 'a,b\n1,"x\r\ny"\n2,z\n3,w'
 */
export function normaliseLineBreaks(text: string, delimiter: string): string {
  if (!text.includes('\r')) return text;
  if (!text.includes('"')) return text.replace(/\r\n?/g, '\n');

  const parts: string[] = [];
  let copiedTo = 0;
  for (const at of recordBreaks(text, delimiter)) {
    if (text.charCodeAt(at) !== CR) continue;
    parts.push(text.slice(copiedTo, at), '\n');
    copiedTo = breakEnd(text, at);
  }
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

/**
 * The index just after each record (its line break included; the last one is `text.length`), with
 * records ended and quotes read exactly as {@link normaliseLineBreaks} reads them. The side panel cuts
 * a checked file into upload parts at these indices, so a part never splits a quoted value.
 *
 * @example recordEnds('a,b\r\n1,"x\ny"\n2,z', ',') // [5, 13, 16]
 */
export function recordEnds(text: string, delimiter: string): number[] {
  const ends: number[] = [];
  for (const at of recordBreaks(text, delimiter)) ends.push(breakEnd(text, at));
  if (ends.at(-1) !== text.length) ends.push(text.length);
  return ends;
}

/**
 * The file cut into slices of whole records, growing to about `chars` characters each: `[from, to)` pairs where
 * each slice but the last stops just before the line break that ends its last record and the next
 * starts just after it (the last runs to the end, a final line break included). Quotes are read as
 * {@link normaliseLineBreaks} reads them, so a slice never splits a quoted value and parses exactly
 * as it would within the whole file. There is always at least one slice. Lazy: the file is scanned
 * only as far as the slices taken.
 *
 * @example [...recordSlices('a,b\r\n1,2\n3,4', ',', 3)] // [[0, 3], [5, 8], [9, 12]]
 */
export function* recordSlices(text: string, delimiter: string, chars: number): Generator<[number, number]> {
  // The first slices are small and grow to `chars`: the parser's first runs are its slowest (not yet optimised).
  let target = Math.min(chars, FIRST_SLICE_CHARS);
  let from = 0;
  for (const at of recordBreaks(text, delimiter)) {
    const end = breakEnd(text, at);
    if (at - from >= target && end < text.length) {
      yield [from, at];
      from = end;
      target = Math.min(chars, target * 2);
    }
  }
  yield [from, text.length];
}

/**
 * Where each record ends: the index of every line break outside a quoted value (CRLF, LF or a lone
 * CR; a CRLF is one break, at its CR). The one reading of quotes and breaks that
 * {@link normaliseLineBreaks}, {@link recordEnds} and {@link recordSlices} share, as papaparse reads
 * them: a quote opens a value only as a field's first character (see `endOfQuoted` for where it closes).
 * Lazy: the text is scanned only as far as the breaks taken.
 *
 * @example [...recordBreaks('a,"x\ny"\r\nb\rc', ',')] // [7, 10]
 */
export function* recordBreaks(text: string, delimiter: string): Generator<number, void, undefined> {
  const delim = delimiter.charCodeAt(0);
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && fieldStart) {
      i = endOfQuoted(text, i + 1, delim);
      fieldStart = false;
    } else if (c === CR || c === LF) {
      yield i;
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      fieldStart = true;
    } else {
      fieldStart = c === delim;
    }
  }
}

/** The index just after the line break at `at` (two characters for a CRLF). */
export function breakEnd(text: string, at: number): number {
  return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
}

const FIRST_SLICE_CHARS = 16 * 1024;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/** The index of the quote that closes the value opened before `from` (the last index when none does). */
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
