import { Buffer } from 'node:buffer';

/** Identifiers and secrets shaped like Google's, from WebCrypto (Node and Workers alike). */

export function randomBase64url(byteLength: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength));
  return bytesToBase64url(bytes);
}

// Node's Buffer, not lib/base64.ts's character loops: messages with attachments are megabytes, and
// the loops took seconds for one 7 MB message (the sandbox runs on Node only).

/** base64url without padding, as Gmail writes `raw`. */
export function bytesToBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Accepts url-safe or standard base64, padded or not, with line breaks (as mail clients fold it); null when it is not base64. */
export function base64urlToBytes(text: string): Uint8Array | null {
  const standard = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  // Buffer skips what is not base64; Gmail refuses it.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard) || standard.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(standard, 'base64'));
}

/** Bytes as a one-char-per-byte string, so 8-bit header bytes survive header edits. */
export function bytesToBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The inverse of {@link bytesToBinary}; a character above U+00FF keeps its low byte. */
export function binaryToBytes(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, 'latin1'));
}

/**
 * Gmail message and thread ids are 16 hex digits and grow with time (a thread's id is its first
 * message's id). Milliseconds shifted left 20 bits plus 20 low bits (random) gives the same look.
 */
let lastId = { ms: -1, low: 0 };
export function newGmailId(now: Date): string {
  const ms = now.getTime();
  // Many ids in one millisecond (a fake clock standing still while a mailbox sends its minute's
  // quota) count up from a random start instead of drawing 20 random bits each: no collisions.
  lastId = ms === lastId.ms && lastId.low < 0xfffff ? { ms, low: lastId.low + 1 } : { ms, low: crypto.getRandomValues(new Uint32Array(1))[0]! & 0x7ffff };
  return ((BigInt(ms) << 20n) | BigInt(lastId.low)).toString(16).padStart(16, '0');
}

/** Google's tokens have recognisable prefixes (`ya29.` access, `1//` refresh, `4/` codes). */
export const newAccessToken = () => `ya29.sandbox-${randomBase64url(32)}`;
export const newRefreshToken = () => `1//sandbox-${randomBase64url(32)}`;
export const newAuthCode = () => `4/sandbox-${randomBase64url(24)}`;
export const newGrantId = () => `grant-${randomBase64url(12)}`;

/** A numeric subject like Google's 21-digit `sub`. */
export function newSubject(): string {
  const digits = crypto.getRandomValues(new Uint8Array(20));
  return '1' + Array.from(digits, (d) => String(d % 10)).join('');
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function pkceS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return bytesToBase64url(new Uint8Array(digest));
}

/** Gmail's own Message-IDs end in @mail.gmail.com. */
export function newRfc822MessageId(): string {
  return `<CA+sandbox-${randomBase64url(18)}@mail.gmail.com>`;
}
