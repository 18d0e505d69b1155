/**
 * A CSV file's bytes → its text, refusing what is not UTF-8 text before any header is read, so an
 * image or a program renamed `.csv` is never offered as "column names" (issue 12). The server runs
 * it on uploads and the panel's Worker on the chosen file, so both refuse the same files.
 *
 * - **Strict UTF-8** (WHATWG Encoding `fatal`): a Latin-1 or Windows-1252 file is refused, not
 *   imported with U+FFFD in every accented name. A leading byte-order mark is dropped.
 * - **Not text** when the start of the file is full of control bytes (C0 but tab, LF, CR; DEL): PNG,
 *   JPEG, ZIP (xlsx) and executables have NULs in their first bytes; UTF-16 without a byte-order
 *   mark has a NUL beside every ASCII character, and is valid UTF-8, so decoding alone passes it.
 *   A text file may still hold a stray NUL in a value: that row is refused later (`parseRecipientsCsv`),
 *   so one NUL does not make a file "not text"; a share does.
 *
 * @example
 * const decoded = decodeCsvFile(new Uint8Array(await file.arrayBuffer()));
 * if (!decoded.ok) decoded.error // 'not-text' | 'invalid-utf8'
 */
export function decodeCsvFile(bytes: Uint8Array): DecodedCsvFile {
  // UTF-16 with a byte-order mark (Excel's "Unicode Text"): text, but not the encoding we read.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, error: 'invalid-utf8', encoding: 'utf-16' };
  }
  const controls = controlShare(bytes.subarray(0, SAMPLE_BYTES));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Text in another encoding has no control bytes; binary data has NULs within a few bytes.
    return controls.nul || controls.share > INVALID_UTF8_CONTROL_SHARE ? { ok: false, error: 'not-text' } : { ok: false, error: 'invalid-utf8', encoding: 'unknown' };
  }
  if (controls.share > CONTROL_SHARE) return { ok: false, error: 'not-text' };
  return { ok: true, text };
}

export type CsvFileError = { ok: false; error: 'not-text' } | { ok: false; error: 'invalid-utf8'; encoding: 'utf-16' | 'unknown' };

export type DecodedCsvFile = { ok: true; text: string } | CsvFileError;

/** How much of the start of a file is looked at: binary formats show themselves in their headers. */
const SAMPLE_BYTES = 64 * 1024;
/** Valid UTF-8 with more control bytes than this is not a CSV (UTF-16 ASCII text has 50%). */
const CONTROL_SHARE = 0.1;
/** Invalid UTF-8 with any NUL or this share of controls is binary rather than text in another encoding. */
const INVALID_UTF8_CONTROL_SHARE = 0.01;

function controlShare(sample: Uint8Array): { share: number; nul: boolean } {
  let count = 0;
  let nul = false;
  for (const byte of sample) {
    // C0 controls but tab (0x09), LF (0x0A) and CR (0x0D), and DEL. C1 controls are two bytes in UTF-8.
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) {
      count++;
      if (byte === 0) nul = true;
    }
  }
  return { share: sample.length === 0 ? 0 : count / sample.length, nul };
}
