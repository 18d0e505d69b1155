import { scrypt, timingSafeEqual } from 'node:crypto';
import { decodeBase64, encodeBase64url } from '../lib/base64';
import { randomBytes } from '../lib/random';

/**
 * scrypt at OWASP's "N=2^15, r=8, p=3" setting: 32 MiB of memory per hash, which fits a Worker's
 * 128 MB (N=2^17 would not). The parameters are stored with each hash, so raising them later only
 * affects new hashes and old ones still verify. node:crypto's scrypt runs on Node and in workerd
 * (nodejs_compat); WebCrypto has no scrypt.
 */
const PARAMS = { log2N: 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS.log2N, PARAMS.r, PARAMS.p);
  return ['scrypt', PARAMS.log2N, PARAMS.r, PARAMS.p, encodeBase64url(salt), encodeBase64url(key)].join('$');
}

/** Constant-time comparison; a malformed stored hash verifies as false rather than throwing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  verifications += 1;
  const [scheme, log2N, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !expected) return false;
  const expectedBytes = decodeBase64(expected);
  const saltBytes = decodeBase64(salt);
  if (!expectedBytes || !saltBytes) return false;
  const key = await derive(password, saltBytes, Number(log2N), Number(r), Number(p));
  return key.length === expectedBytes.length && timingSafeEqual(key, expectedBytes);
}

let verifications = 0;

/**
 * How many password checks this process has started. Each costs 32 MiB and tens of milliseconds of
 * scrypt, so it is what the throttles must keep small: tests and benchmarks read it (issue 12).
 */
export function passwordVerificationCount(): number {
  return verifications;
}

/**
 * A real hash of nothing anyone knows: login verifies against it when the email is unknown, so an
 * attacker cannot tell registered addresses by how fast the answer comes.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(encodeBase64url(randomBytes(24)));
  return decoyHash;
}

function derive(password: string, salt: Uint8Array, log2N: number, r: number, p: number): Promise<Uint8Array> {
  const N = 2 ** log2N;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    ),
  );
}
