import { encodeBase64url } from './base64';

/** Random identifiers and secrets from WebCrypto (available on Node and Workers alike). */

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** `usr_3kT...`: a prefix tells what an id names; 16 random bytes make it unguessable. */
export function newId(prefix: string): string {
  return `${prefix}_${encodeBase64url(randomBytes(16))}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
