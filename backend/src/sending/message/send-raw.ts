import { Buffer } from 'node:buffer';
import type { gmail_v1 } from '@googleapis/gmail';

/**
 * Above this size a message goes through the upload endpoint. Google's guide names simple upload
 * "for quick transfer of smaller files, for example, 5 MB or less" and gives methods that take
 * media a second URI, `POST /upload/gmail/v1/users/{userId}/messages/send`
 * (https://developers.google.com/workspace/gmail/api/guides/uploads); the reference page's upload
 * limit is 35 MB of `message/*` (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send).
 * Below it, the JSON `raw` form, as every message went before attachments.
 */
export const UPLOAD_THRESHOLD_BYTES = 5 * 1024 * 1024;

export type SendRawInput = {
  /** The whole RFC 5322 message. */
  bytes: Uint8Array;
  /** base64url of the same bytes (read only on the JSON path). */
  raw: string;
  /** The Gmail thread to add it to; undefined: Gmail threads it (or starts one). */
  threadId?: string | undefined;
};

/**
 * Sends one message through `users.messages.send`, choosing the path by size: the JSON `raw` body up
 * to 5 MB; above, the upload endpoint as Google's client makes it from `media`: `uploadType=multipart`
 * (the JSON metadata, here the thread id, then the `message/rfc822` bytes) when it joins a thread,
 * else `uploadType=media` (the bytes alone, no metadata to send). Quota is charged by the same
 * interceptor either way (limits/gmail-quota-costs.ts knows `/upload/`).
 *
 * @example const { data } = await sendRaw(gmail, { bytes: message.bytes, raw: message.raw, threadId }, { timeout: 60_000 })
 */
export async function sendRaw(gmail: gmail_v1.Gmail, input: SendRawInput, options: { timeout: number }) {
  if (input.bytes.length <= UPLOAD_THRESHOLD_BYTES) {
    return gmail.users.messages.send(
      { userId: 'me', requestBody: { raw: input.raw, ...(input.threadId ? { threadId: input.threadId } : {}) } },
      options,
    );
  }
  const body = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  // googleapis-common applies a client-wide `rootUrl` to the method's URL but not to its media URL
  // (it builds that from the per-call options only): pass it per call, or uploads would go to
  // gmail.googleapis.com whatever the client was made for (the sandbox, in tests and development).
  const rootUrl = gmail.context._options.rootUrl;
  if (rootUrl !== undefined) options = { ...options, rootUrl } as typeof options;
  if (input.threadId) {
    // The client writes multipart/related itself, taking the media part as a string or a stream; a
    // string is written as UTF-8, which is the bytes themselves only for ASCII. MailComposer's output
    // is ASCII (encoded headers, quoted-printable or base64 bodies), so the string is the message.
    if (!isAscii(input.bytes)) throw new TypeError('sendRaw: a message sent in a thread through the upload endpoint must be 7-bit');
    return gmail.users.messages.send(
      { userId: 'me', requestBody: { threadId: input.threadId }, media: { mimeType: 'message/rfc822', body: body.toString('latin1') } },
      options,
    );
  }
  return gmail.users.messages.send({ userId: 'me', media: { mimeType: 'message/rfc822', body } }, options);
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}
