import { emailKey } from '../../../shared/lib/email-address';
import { encodeBase64url } from './base64';
import { deriveKey } from './keys';

/**
 * A keyed hash of one user's view of an address: HMAC-SHA-256 (RFC 2104) under a key derived from
 * AUTH_SECRET for this purpose only, over the user id and the address's comparison key. What the
 * tracking opt-outs and the erased addresses keep instead of the address: it answers "is this the
 * same address?" for this user, and without AUTH_SECRET it cannot be reversed by hashing a list of
 * likely addresses (a plain hash could). Changing AUTH_SECRET forgets them (README, configuration).
 *
 * @example const hash = await hashAddress(deps.config.authSecret, user.id, 'Ann@Example.com')
 */
export async function hashAddress(secret: Uint8Array<ArrayBuffer>, userId: string, address: string): Promise<string> {
  const key = await hmacKey(secret);
  const data = new TextEncoder().encode(`${userId}\n${emailKey(address)}`);
  return encodeBase64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, data)));
}

/** Many addresses of one user (an import): one key, the hashes in input order. */
export async function hashAddresses(secret: Uint8Array<ArrayBuffer>, userId: string, addresses: readonly string[]): Promise<string[]> {
  const key = await hmacKey(secret);
  const encoder = new TextEncoder();
  return Promise.all(
    addresses.map(async (address) => encodeBase64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${userId}\n${emailKey(address)}`))))),
  );
}

/** One imported key per secret for the process's life (HKDF and importKey cost more than the HMAC). */
const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function hmacKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = deriveKey(secret, 'address-hash').then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    keys.set(secret, key);
  }
  return key;
}
