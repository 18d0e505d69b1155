import PostalMime, { addressParser, type Address } from 'postal-mime';

/**
 * What the sandbox needs to know about an RFC 5322 message, and the header edits Gmail makes on
 * send. Works on "binary strings" (one char per byte) so 8-bit bodies pass through unchanged.
 */

export type MessageSummary = {
  from: string | undefined;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  messageId: string | undefined;
  /** In-Reply-To then References, each `<id>`, for threading. */
  referencedIds: string[];
  snippet: string;
};

function addresses(list: Address[] | Address | undefined): string[] {
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return items.flatMap((item) => (item.group ? item.group.map((m) => m.address) : [item.address])).map((a) => a.toLowerCase()).filter(Boolean);
}

export function extractMessageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** Gmail's snippet: the start of the plain text, whitespace collapsed (about 200 characters). */
function snippetOf(text: string | undefined, html: string | undefined): string {
  const source = text ?? (html ?? '').replace(/<style[\s\S]*?<\/style>|<[^>]+>/gi, ' ');
  return source.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export async function summarise(binary: string): Promise<MessageSummary> {
  const email = await PostalMime.parse(binaryToArrayBuffer(binary));
  const from = addresses(email.from)[0];
  return {
    from,
    to: addresses(email.to),
    cc: addresses(email.cc),
    bcc: addresses(email.bcc),
    subject: email.subject ?? '',
    messageId: extractMessageIds(email.messageId)[0],
    referencedIds: [...extractMessageIds(email.inReplyTo), ...extractMessageIds(email.references)],
    snippet: snippetOf(email.text, email.html),
  };
}

/** Parsed addresses of one header value (e.g. a From given to the control API). */
export function parseAddressList(value: string): string[] {
  return addresses(addressParser(value));
}

function binaryToArrayBuffer(binary: string): ArrayBuffer {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes.buffer;
}

/** Splits at the first empty line (CRLF or bare LF, both occur in the wild). */
export function splitHeaderBlock(binary: string): { head: string; separator: string; body: string } {
  const match = /\r?\n\r?\n/.exec(binary);
  if (!match) return { head: binary.replace(/\r?\n$/, ''), separator: '\r\n\r\n', body: '' };
  return { head: binary.slice(0, match.index), separator: match[0], body: binary.slice(match.index + match[0].length) };
}

export function hasHeader(binary: string, name: string): boolean {
  const { head } = splitHeaderBlock(binary);
  return new RegExp(`^${name}:`, 'im').test(head);
}

/** Adds headers at the top, using the message's own line ending. */
export function prependHeaders(binary: string, headers: Array<[string, string]>): string {
  if (headers.length === 0) return binary;
  const eol = binary.includes('\r\n') || !binary.includes('\n') ? '\r\n' : '\n';
  return headers.map(([name, value]) => `${name}: ${value}${eol}`).join('') + binary;
}

/** Removes a header and its folded continuation lines (RFC 5322 §2.2.3). */
export function removeHeader(binary: string, name: string): string {
  const { head, separator, body } = splitHeaderBlock(binary);
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  const kept: string[] = [];
  let dropping = false;
  for (const line of head.split(/\r?\n/)) {
    const continuation = /^[ \t]/.test(line);
    if (!continuation) dropping = line.toLowerCase().startsWith(`${name.toLowerCase()}:`);
    if (!dropping) kept.push(line);
  }
  return kept.join(eol) + separator + body;
}

/** RFC 5322 §3.3 date, as Gmail writes it when a message lacks one. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
