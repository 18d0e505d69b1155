import { deriveKey } from '../../lib/keys';
import { createTrackingSigner, type TrackingSigner } from './tracking-token';

const signers = new WeakMap<Uint8Array, TrackingSigner>();

/**
 * The signer of tracking links for this AUTH_SECRET: the one way the engine (which signs links
 * into messages) and the tracking routes (which verify them) get it, so both always hold the same
 * key. Derived once per secret and kept; only the finished signer is kept, never a promise, as a
 * Worker isolate shares it between requests.
 *
 * @example const signer = await trackingSignerFor(deps.config.authSecret);
 */
export async function trackingSignerFor(authSecret: Uint8Array<ArrayBuffer>): Promise<TrackingSigner> {
  const known = signers.get(authSecret);
  if (known) return known;
  const signer = await createTrackingSigner(await deriveKey(authSecret, 'tracking'));
  signers.set(authSecret, signer);
  return signer;
}
