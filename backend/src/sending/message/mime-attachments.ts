import { Buffer } from 'node:buffer';

/** A file one message carries, as build-message.ts takes it. */
export type MessageAttachment = {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
};

/**
 * MailComposer's attachment entries. MailComposer writes the name twice: RFC 2231 `filename*=`
 * (with continuations for long or non-ASCII names) in Content-Disposition, which RFC 6266 clients
 * read, and an RFC 2047 encoded word in Content-Type's `name=` for older ones; the body as base64
 * in 76-character lines (RFC 2045 §6.8).
 */
export function composerAttachments(files: readonly MessageAttachment[]) {
  return files.map((file) => ({
    filename: file.filename,
    contentType: wireContentType(file.contentType),
    content: Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength),
    contentDisposition: 'attachment' as const,
    contentTransferEncoding: 'base64' as const,
  }));
}

/**
 * The type a file is sent as. A message/* or multipart/* body must not be base64 (RFC 2046 §5.2.1:
 * "No encoding other than \"7bit\", \"8bit\", or \"binary\" is permitted for the body of a
 * \"message/rfc822\" entity"; §5.1.1 likewise for multipart), and an uploaded .eml may hold any
 * bytes, so it goes as a plain file: application/octet-stream, under its own name (which the
 * recipient's client opens it by).
 *
 * @example wireContentType('message/rfc822') // 'application/octet-stream'
 */
export function wireContentType(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('message/') || type.startsWith('multipart/') ? 'application/octet-stream' : contentType;
}
