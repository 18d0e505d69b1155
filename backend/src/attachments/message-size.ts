import { GMAIL_MESSAGE_MAX_BYTES } from '../../../shared/schemas/attachments';
import { formatSize } from '../../../shared/lib/format-size';

/**
 * The size rule: how large a campaign's messages get with their files, after encoding, against
 * Gmail's 25 MB per message ("For personal Gmail accounts, the limit is 25 MB",
 * https://support.google.com/mail/answer/6584; the API's upload endpoint takes up to 35 MB,
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send, but the
 * mailbox's own sending limit is the one a recipient's copy must pass).
 *
 * Figures are upper bounds, never under: base64 (4 bytes per 3) in lines of 76 plus CRLF, each part's
 * headers with the file name written twice (RFC 2047 `name=` and RFC 2231 `filename*=`, up to 3
 * bytes per byte of name), and the body at the larger of quoted-printable and base64 (textPartBytes),
 * with room for merged values and footers.
 */

const PART_HEADER_BYTES = 256;
const MESSAGE_HEADER_BYTES = 8 * 1024;

/** Bytes one file of `size` takes inside a message (its MIME part, headers included). */
export function encodedFileBytes(size: number, filename: string): number {
  const base64 = Math.ceil(size / 3) * 4;
  const lineBreaks = Math.ceil(base64 / 76) * 2;
  return base64 + lineBreaks + PART_HEADER_BYTES + 6 * utf8Bytes(filename);
}

/**
 * Bytes the heaviest step's subject and bodies take, encoded, with the message headers. Each body
 * part is counted at the larger of its two encodings (textPartBytes), with a tenth more for merged
 * values, the tracked links and the footers.
 */
export function encodedBodyBytes(steps: readonly { subject: string; html: string; text: string | null }[]): number {
  let largest = 0;
  for (const step of steps) {
    const html = textPartBytes(step.html);
    // No text of its own: the text part is made from the HTML, never longer than it.
    const text = step.text === null ? html : textPartBytes(step.text);
    largest = Math.max(largest, Math.ceil(1.1 * (html + text)) + 3 * utf8Bytes(step.subject));
  }
  return largest + MESSAGE_HEADER_BYTES;
}

/**
 * An upper bound of one text or HTML part's body, encoded. MailComposer picks quoted-printable when
 * Latin letters outnumber the rest and base64 otherwise (nodemailer mime-node `_getTextEncoding`), so
 * a value's merge can flip the choice: the larger of the two is counted. Quoted-printable, counted as
 * nodemailer's qp encoder writes it: every byte outside RFC 2045 §6.7's literal set (non-ASCII
 * bytes, '=') and whitespace before a line break or at the end take 3 bytes ("=XX"), LF 2 (CRLF),
 * and a soft line break "=\r\n" (3 bytes) at least every 52 characters: qp `wrap` breaks lines of
 * 76 at the last space or punctuation within their last 25 characters.
 */
export function textPartBytes(value: string): number {
  const bytes = new TextEncoder().encode(value);
  const base64 = Math.ceil(bytes.length / 3) * 4;
  const base64Lines = base64 + Math.ceil(base64 / 76) * 2;
  let qp = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const next = bytes[i + 1];
    if (byte === 0x0a) qp += 2;
    else if (byte === 0x20 || byte === 0x09) qp += next === undefined || next === 0x0a || next === 0x0d ? 3 : 1;
    else if (byte === 0x0d || (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d)) qp += 1;
    else qp += 3;
  }
  const qpLines = qp + Math.ceil(qp / QP_MIN_LINE) * 3;
  return Math.max(base64Lines, qpLines);
}

/** The shortest line qp `wrap` ends with a soft break: 76 less the 24 it may move back to a space. */
const QP_MIN_LINE = 52;

export type SizedFile = { size: number; filename: string; shared: boolean };

/**
 * The largest message the campaign can make: the body, every shared file, and the largest
 * per-recipient file (a recipient's field names one file).
 */
export function largestMessageBytes(bodyBytes: number, files: readonly SizedFile[]): number {
  let shared = 0;
  let largestOwn = 0;
  for (const file of files) {
    const bytes = encodedFileBytes(file.size, file.filename);
    if (file.shared) shared += bytes;
    else largestOwn = Math.max(largestOwn, bytes);
  }
  return bodyBytes + shared + largestOwn;
}

/**
 * Why a file does not fit, in the user's words with the figures, or null when it fits. `each`: a
 * shared file (every message carries it); `carrying`: a per-recipient file; `campaign`: the files as they are (preflight).
 *
 * @example tooLargeForGmail(28_730_000, 'each') // "This file would make each message 27.4 MB; Gmail's limit is 25 MB."
 */
export function tooLargeForGmail(messageBytes: number, which: 'each' | 'carrying' | 'campaign'): string | null {
  if (messageBytes <= GMAIL_MESSAGE_MAX_BYTES) return null;
  const size = formatSize(messageBytes, 'en');
  const limit = formatSize(GMAIL_MESSAGE_MAX_BYTES, 'en');
  // Just over rounds to the limit's figure: say "over".
  const figure = size === limit ? `over ${limit}` : size;
  if (which === 'campaign') return `With its files the largest message is ${figure}; Gmail's limit is ${limit}. Remove a file or shorten the message.`;
  return which === 'each'
    ? `This file would make each message ${figure}; Gmail's limit is ${limit}.`
    : `This file would make the messages that carry it ${figure}; Gmail's limit is ${limit}.`;
}

/**
 * The largest file that could still fit with nothing else: a body over this many bytes is refused
 * while it streams in, before it is read (the multipart envelope adds a little).
 */
export const MAX_FILE_BYTES = Math.floor(((GMAIL_MESSAGE_MAX_BYTES - MESSAGE_HEADER_BYTES) * 3 * 76) / (4 * 78));

function utf8Bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}
