import { decodeWords } from 'postal-mime';
import { binaryToBytes, bytesToBase64url, base64urlToBytes } from './ids';
import { splitHeaderBlock } from './raw-message';

/**
 * The `payload` of a Gmail message resource (formats `full` and `metadata`): a MIME tree with
 * decoded header values and bodies as base64url of the transfer-decoded bytes.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart
 * Simplification: attachment bodies are inlined as `data` (Gmail gives an `attachmentId`).
 */

export type Header = { name: string; value: string };
export type MessagePart = {
  partId: string;
  mimeType: string;
  filename: string;
  headers: Header[];
  body: { size: number; data?: string };
  parts?: MessagePart[];
};

export function parseHeaders(head: string): Header[] {
  const headers: Header[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  // Header bytes may be UTF-8 (RFC 6532) or encoded words (RFC 2047); Gmail returns them decoded.
  return headers.map((h) => ({ name: h.name, value: decodeWords(utf8FromBinary(h.value)) }));
}

function utf8FromBinary(binary: string): string {
  return new TextDecoder().decode(binaryToBytes(binary));
}

function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

function contentType(headers: Header[]): { mimeType: string; params: Map<string, string> } {
  const value = headerValue(headers, 'Content-Type') ?? 'text/plain';
  const [type, ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0) params.set(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { mimeType: (type ?? 'text/plain').trim().toLowerCase() || 'text/plain', params };
}

function filenameOf(headers: Header[], params: Map<string, string>): string {
  const disposition = headerValue(headers, 'Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? params.get('name') ?? '';
}

function decodeQuotedPrintable(binary: string): string {
  return binary.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeTransfer(body: string, encoding: string | undefined): Uint8Array {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return base64urlToBytes(body.replace(/[^A-Za-z0-9+/=_-]/g, '')) ?? new Uint8Array();
    case 'quoted-printable':
      return binaryToBytes(decodeQuotedPrintable(body));
    default:
      return binaryToBytes(body);
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start = -1;
  for (let match = delimiter.exec(body); match; match = delimiter.exec(body)) {
    if (start >= 0) parts.push(body.slice(start, match.index));
    if (match[1] === '--') return parts;
    start = match.index + match[0].length;
  }
  return parts;
}

export function buildPayload(binary: string, partId = ''): MessagePart {
  const { head, body } = splitHeaderBlock(binary);
  const headers = parseHeaders(head);
  const { mimeType, params } = contentType(headers);
  const boundary = params.get('boundary');
  if (mimeType.startsWith('multipart/') && boundary) {
    const parts = splitMultipart(body, boundary).map((part, index) => buildPayload(part, partId === '' ? String(index) : `${partId}.${index}`));
    return { partId, mimeType, filename: '', headers, body: { size: 0 }, parts };
  }
  const bytes = decodeTransfer(body, headerValue(headers, 'Content-Transfer-Encoding'));
  return { partId, mimeType, filename: filenameOf(headers, params), headers, body: { size: bytes.length, data: bytesToBase64url(bytes) } };
}

/** `format=metadata`: only the top-level headers, optionally filtered by `metadataHeaders`. */
export function buildMetadataPayload(binary: string, only: string[]): Pick<MessagePart, 'partId' | 'mimeType' | 'filename' | 'headers' | 'body'> {
  const { head } = splitHeaderBlock(binary);
  const headers = parseHeaders(head);
  const wanted = new Set(only.map((name) => name.toLowerCase()));
  return {
    partId: '',
    mimeType: contentType(headers).mimeType,
    filename: '',
    headers: wanted.size === 0 ? headers : headers.filter((h) => wanted.has(h.name.toLowerCase())),
    body: { size: 0 },
  };
}
