import { verifyTrackingToken, type TrackingKind, type TrackingPayload, type TrackingSigner } from './tokens';

type PayloadOf<K extends TrackingKind> = Extract<TrackingPayload, { kind: K }>;

export type VerifiedTokens = {
  /** Like `verifyTrackingToken`, answered from memory for a token that verified before. */
  verify<K extends TrackingKind>(token: string, kind: K): Promise<PayloadOf<K> | null>;
};

/**
 * Remembers tokens that verified, least recently used out first. A token string that verified once
 * always verifies (same key, same bytes), so a repeat (an image proxy, a prefetch, then the person,
 * a re-open) skips the HMAC: on Node each WebCrypto call is a thread-pool round trip costing about
 * 30 µs of the event loop. Only authentic tokens are kept, so forged ones cannot fill the cache, and
 * each still pays the full check.
 *
 * @example const tokens = createVerifiedTokens(signer, { maxEntries: 20_000 });
 */
export function createVerifiedTokens(signer: Promise<TrackingSigner>, options: { maxEntries: number }): VerifiedTokens {
  const entries = new Map<string, TrackingPayload>();
  return {
    async verify<K extends TrackingKind>(token: string, kind: K): Promise<PayloadOf<K> | null> {
      const hit = entries.get(token);
      if (hit) {
        if (hit.kind !== kind) return null;
        entries.delete(token);
        entries.set(token, hit);
        return hit as PayloadOf<K>;
      }
      const payload = await verifyTrackingToken(await signer, token, kind);
      if (payload) {
        entries.set(token, payload);
        if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      }
      return payload;
    },
  };
}
