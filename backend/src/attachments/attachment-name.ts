import { singleLineTextProblem } from '../../../shared/lib/unicode-text';

/** 255 bytes: the longest file name most file systems keep (ext4, NTFS in UTF-16 units aside), so a recipient can save it as named. */
export const MAX_FILENAME_BYTES = 255;

// Bidi overrides and zero-width characters let "invoice\u202Efdp.exe" show as "invoiceexe.pdf" (Unicode TR #36 §2).
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

/**
 * The file name as stored and sent (NFC, trimmed), or why it cannot be one. A name is one path
 * segment: no `/` or `\` (a mail client saving it must not write elsewhere), not `.` or `..`, no
 * control or direction-changing characters, and well-formed Unicode. U+FFFD is refused too: the
 * multipart reader puts it where the client's bytes were not UTF-8, and a name the user never wrote
 * would then be what recipients see.
 *
 * @example attachmentFilename('  Factura ü.pdf ') // { ok: true, filename: 'Factura ü.pdf' }
 */
export function attachmentFilename(raw: string): { ok: true; filename: string } | { ok: false; message: string } {
  const problem = singleLineTextProblem(raw);
  if (problem) return { ok: false, message: `The file name ${problem}` };
  const filename = raw.normalize('NFC').trim();
  if (filename === '') return { ok: false, message: 'The file has no name' };
  if (filename.includes('\uFFFD')) return { ok: false, message: 'The file name is not valid UTF-8' };
  if (/[\\/]/.test(filename)) return { ok: false, message: 'The file name cannot contain / or \\' };
  if (filename === '.' || filename === '..') return { ok: false, message: 'The file name cannot be . or ..' };
  if (INVISIBLE_OR_BIDI.test(filename)) return { ok: false, message: 'The file name contains an invisible or direction-changing character' };
  const bytes = new TextEncoder().encode(filename).length;
  if (bytes > MAX_FILENAME_BYTES) return { ok: false, message: `The file name is ${bytes} bytes; at most ${MAX_FILENAME_BYTES}` };
  return { ok: true, filename };
}
