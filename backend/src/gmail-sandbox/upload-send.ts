import { bytesToBinary, binaryToBytes } from './ids';
import type { SendError } from './send-message';

/**
 * The upload form of `users.messages.send` (`POST /upload/gmail/v1/users/{userId}/messages/send`):
 * Google's guide (https://developers.google.com/workspace/gmail/api/guides/uploads) names
 * `uploadType=media` (the bytes alone) and `uploadType=multipart` (a `multipart/related` body: the
 * JSON metadata first, then the media); the method's reference page
 * (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send) gives
 * "Maximum file size: 35MB" and "Accepted Media MIME types: message/*". Resumable uploads are not
 * modelled: the product does not use them.
 */
export const MAX_UPLOAD_BYTES = 35 * 1024 * 1024;

export type UploadedSend = { bytes: Uint8Array; threadId: string | undefined };

/** The message bytes and metadata of an upload request, or the error Google would answer. */
export function readUpload(uploadType: string | undefined, contentType: string, body: Uint8Array): UploadedSend | { error: SendError } {
  if (body.length > MAX_UPLOAD_BYTES) return { error: tooLarge(body.length) };
  if (uploadType === 'media') {
    const type = mediaTypeOf(contentType);
    if (!type.startsWith('message/')) return { error: unsupportedMedia(type) };
    return { bytes: body, threadId: undefined };
  }
  if (uploadType === 'multipart') return readMultipartRelated(contentType, body);
  if (uploadType === 'resumable') return { error: { status: 400, reason: 'badRequest', message: 'The sandbox does not model resumable uploads' } };
  return { error: { status: 400, reason: 'badRequest', message: `Invalid value for uploadType: ${uploadType ?? '(none)'}` } };
}

/** RFC 2387 multipart/related: part one `application/json` metadata, part two the `message/*` media. */
function readMultipartRelated(contentType: string, body: Uint8Array): UploadedSend | { error: SendError } {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (mediaTypeOf(contentType) !== 'multipart/related' || !boundary) {
    return { error: { status: 400, reason: 'badRequest', message: 'uploadType=multipart needs a multipart/related body with a boundary' } };
  }
  // Latin-1 maps each byte to one character: the parts can be cut as text and the bytes come back whole.
  const text = bytesToBinary(body);
  const delimiter = `--${boundary}`;
  const pieces = text.split(delimiter);
  // [preamble, part 1, part 2, '--' + epilogue]
  const parts = pieces.slice(1).filter((piece) => !piece.startsWith('--')).map(parsePart);
  if (parts.length !== 2 || parts.some((part) => part === null)) {
    return { error: { status: 400, reason: 'badRequest', message: 'A multipart upload has two parts: the metadata, then the media' } };
  }
  const [metadata, media] = parts as [Part, Part];
  let threadId: string | undefined;
  if (metadata.body.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(binaryToBytes(metadata.body)));
    } catch {
      return { error: { status: 400, reason: 'parseError', message: 'Invalid JSON payload received.' } };
    }
    const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).threadId : undefined;
    threadId = typeof value === 'string' && value !== '' ? value : undefined;
  }
  const type = mediaTypeOf(media.contentType);
  if (!type.startsWith('message/')) return { error: unsupportedMedia(type) };
  return { bytes: binaryToBytes(media.body), threadId };
}

type Part = { contentType: string; body: string };

function parsePart(piece: string): Part | null {
  // A part starts after the delimiter's CRLF and ends before the CRLF that precedes the next delimiter.
  const start = piece.startsWith('\r\n') ? 2 : piece.startsWith('\n') ? 1 : -1;
  if (start < 0) return null;
  const end = piece.endsWith('\r\n') ? piece.length - 2 : piece.endsWith('\n') ? piece.length - 1 : piece.length;
  const part = piece.slice(start, end);
  const split = part.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const headers = part.slice(0, split);
  const contentType = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '';
  return { contentType, body: part.slice(split + 4) };
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function unsupportedMedia(type: string): SendError {
  return { status: 400, reason: 'badRequest', message: `Media type '${type || '(none)'}' is not supported. Valid media types: [message/*]` };
}

/** Over the method's maximum. Google's exact body for it is not documented; this is its usual error shape. */
export function tooLarge(bytes: number): SendError {
  return { status: 413, reason: 'uploadTooLarge', message: `Media is too large: ${bytes} bytes; the maximum is ${MAX_UPLOAD_BYTES} bytes (35 MB)` };
}
