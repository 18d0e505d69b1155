/**
 * Signed tracking tokens: the last path segment of the open-pixel, click and unsubscribe URLs.
 *
 * Layout (then base64url, no padding):
 *   byte 0      version (high nibble, 1) and kind (low nibble: 1 open, 2 click, 3 unsubscribe)
 *   varints     job id, recipient id, campaign step, and for clicks the link index
 *               (unsigned LEB128, minimal form, each a safe integer)
 *   16 bytes    HMAC-SHA-256 over all the bytes before it, truncated to 128 bits
 *
 * The MAC covers the kind byte, so a token of one kind never verifies as another, and
 * `verifyTrackingToken` also takes the kind the route expects (a pixel route cannot be handed an
 * unsubscribe token). Typical tokens are 34 characters; ids below 2^35 with a step and link index
 * below 128 stay under 40; the largest possible (four ids of 2^53 - 1) is 66.
 */

import { createHmac } from 'node:crypto';
import { decodeBase64, encodeBase64url } from '../../lib/base64';

export type TrackingKind = 'open' | 'click' | 'unsubscribe';

type Common = {
  /** The send job (one recipient, one step): `jobs.id`. */
  readonly jobId: number;
  readonly recipientId: number;
  /** Campaign step: 0 for the first message, 1.. for follow-ups. */
  readonly step: number;
};

export type TrackingPayload =
  | (Common & { readonly kind: 'open' })
  | (Common & { readonly kind: 'unsubscribe' })
  /** `linkIndex`: the Nth rewritten link of that step's HTML (0-based), as `buildMessage` numbered it. */
  | (Common & { readonly kind: 'click'; readonly linkIndex: number });

/** A prepared HMAC key (imported once; sign and verify run per message and per request). */
export type TrackingSigner = { readonly key: Uint8Array };

const VERSION = 1;
const KIND_CODES = { open: 1, click: 2, unsubscribe: 3 } as const satisfies Record<TrackingKind, number>;
const KINDS_BY_CODE: readonly (TrackingKind | undefined)[] = [undefined, 'open', 'click', 'unsubscribe'];
/** 128 bits of HMAC-SHA-256: far past online guessing, and keeps URLs short. */
const MAC_BYTES = 16;
const KEY_BYTES = 32;
const MAX_VARINT_BYTES = 8; // 8 × 7 bits ≥ 53 bits (Number.MAX_SAFE_INTEGER)

/**
 * Imports the tracking key once for HMAC-SHA-256. Pass `await deriveKey(AUTH_SECRET, 'tracking')`.
 *
 * @example
 * const signer = await createTrackingSigner(await deriveKey(secret, 'tracking'));
 * const token = await signTrackingToken(signer, { kind: 'open', jobId: 41, recipientId: 7, step: 0 });
 */
export async function createTrackingSigner(key: Uint8Array<ArrayBuffer>): Promise<TrackingSigner> {
  if (key.byteLength !== KEY_BYTES) throw new RangeError(`tracking key must be ${KEY_BYTES} bytes`);
  // A copy: the caller's buffer may be reused or wiped.
  return { key: Uint8Array.from(key) };
}

/** Signs a payload; throws a RangeError if any number is not a non-negative safe integer. */
export async function signTrackingToken(signer: TrackingSigner, payload: TrackingPayload): Promise<string> {
  const numbers = [payload.jobId, payload.recipientId, payload.step];
  if (payload.kind === 'click') numbers.push(payload.linkIndex);
  const bytes: number[] = [(VERSION << 4) | KIND_CODES[payload.kind]];
  for (const n of numbers) writeVarint(bytes, n);
  const data = Uint8Array.from(bytes);
  const mac = macOf(signer, data);
  const token = new Uint8Array(data.length + MAC_BYTES);
  token.set(data);
  token.set(mac, data.length);
  return encodeBase64url(token);
}

/**
 * The payload of a token signed with this key for this kind, or null for anything else: forged,
 * altered, truncated, another kind, another key, or not in canonical form.
 *
 * @example
 * const payload = await verifyTrackingToken(signer, c.req.param('token'), 'open');
 * if (payload === null) return pixelOnly(); // never tell the caller why
 */
export async function verifyTrackingToken<K extends TrackingKind>(
  signer: TrackingSigner,
  token: string,
  kind: K,
): Promise<Extract<TrackingPayload, { kind: K }> | null> {
  if (token.length > 96 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = decodeBase64(token);
  // Only the canonical spelling: otherwise the unused low bits of the last character would let
  // several strings carry the same bytes.
  if (bytes === null || encodeBase64url(bytes) !== token || bytes.length < 1 + MAC_BYTES) return null;
  const data = bytes.subarray(0, bytes.length - MAC_BYTES);
  const expected = macOf(signer, data);
  if (!equalConstantTime(expected, bytes.subarray(bytes.length - MAC_BYTES))) return null;

  // Authentic from here on; still parse strictly.
  const head = data[0] ?? 0;
  if (head >> 4 !== VERSION || KINDS_BY_CODE[head & 0x0f] !== kind) return null;
  const numbers: number[] = [];
  let at = 1;
  while (at < data.length) {
    const read = readVarint(data, at);
    if (read === null) return null;
    numbers.push(read.value);
    at = read.next;
  }
  const [jobId, recipientId, step, linkIndex] = numbers;
  if (jobId === undefined || recipientId === undefined || step === undefined) return null;
  if (kind === 'click') {
    if (numbers.length !== 4 || linkIndex === undefined) return null;
    return { kind: 'click', jobId, recipientId, step, linkIndex } as Extract<TrackingPayload, { kind: K }>;
  }
  if (numbers.length !== 3) return null;
  // `kind` is K and not 'click' here; TypeScript cannot narrow a generic through that check.
  return { kind, jobId, recipientId, step } as Extract<TrackingPayload, { kind: K }>;
}

/**
 * node:crypto rather than WebCrypto: a message carries a dozen tokens, and WebCrypto's HMAC hands
 * each one to a thread pool (~60 µs here) where this synchronous call takes ~3 µs. It is the same
 * HMAC-SHA-256, and workerd provides it under `nodejs_compat`.
 */
function macOf(signer: TrackingSigner, data: Uint8Array): Uint8Array {
  return createHmac('sha256', signer.key).update(data).digest().subarray(0, MAC_BYTES);
}

/** The truncated MAC, compared so that every byte is visited and no branch depends on the contents. */
function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative safe integer: ${value}`);
  let n = value;
  // Arithmetic rather than bit operators: those truncate to 32 bits.
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = start; i < bytes.length && i - start < MAX_VARINT_BYTES; i++) {
    const byte = bytes[i] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      // Minimal form only: a last byte of 0 after other bytes is a padded spelling.
      if (byte === 0 && i > start) return null;
      return Number.isSafeInteger(value) ? { value, next: i + 1 } : null;
    }
    scale *= 0x80;
  }
  return null;
}
