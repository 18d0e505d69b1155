import { RecentMap } from './recent-map';
import { verifyTrackingToken, type TrackingKind, type TrackingPayload, type TrackingSigner } from './tokens';

type PayloadOf<K extends TrackingKind> = Extract<TrackingPayload, { kind: K }>;

export type VerifiedTokens = {
  /** Like `verifyTrackingToken`, answered from memory for a token that verified before. */
  verify<K extends TrackingKind>(token: string, kind: K): Promise<PayloadOf<K> | null>;
  /**
   * The answer from memory without waiting (the pixel's hot path skips two promise turns): the
   * payload, null for a remembered token of another kind, undefined when `verify` must decide.
   */
  known<K extends TrackingKind>(token: string, kind: K): PayloadOf<K> | null | undefined;
};

/**
 * Remembers tokens that verified, those not used lately out first (`RecentMap`). A token string that verified once
 * always verifies (same key, same bytes), so a repeat (an image proxy, a prefetch, then the person,
 * a re-open) skips the HMAC: on Node each WebCrypto call is a thread-pool round trip costing about
 * 30 µs of the event loop. Only authentic tokens are kept, so forged ones cannot fill the cache, and
 * each still pays the full check.
 *
 * @example const tokens = createVerifiedTokens(signer, { maxEntries: 20_000 });
 */
export function createVerifiedTokens(signer: Promise<TrackingSigner>, options: { maxEntries: number }): VerifiedTokens {
  const entries = new RecentMap<string, TrackingPayload>(options.maxEntries);
  const known = <K extends TrackingKind>(token: string, kind: K): PayloadOf<K> | null | undefined => {
    const hit = entries.get(token);
    if (!hit) return undefined;
    return hit.kind === kind ? (hit as PayloadOf<K>) : null;
  };
  return {
    known,
    async verify<K extends TrackingKind>(token: string, kind: K): Promise<PayloadOf<K> | null> {
      const hit = known(token, kind);
      if (hit !== undefined) return hit;
      const payload = await verifyTrackingToken(await signer, token, kind);
      if (payload) entries.set(token, payload);
      return payload;
    },
  };
}
