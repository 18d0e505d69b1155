import type { Database } from '../db/database';
import { hashAddress } from '../lib/address-hash';
import { trackingOptOutHashes } from '../tracking/opt-out';

/**
 * The tracking opt-outs (tracking/opt-out.ts) for one scheduler tick: each user's opted-out hashes
 * are read once per tick, and an address is hashed only when its user has any, instead of a keyed
 * hash and a lookup per message (WebCrypto's HMAC alone cost more than the rest of the check).
 *
 * An opt-out that comes in during the tick is still honoured: it turns `tracked` off on the
 * address's queued jobs in the same batch (optOutOfTracking), and the claim reads that column, so
 * the caller passes the claimed job's `tracked` as `jobTracked`.
 *
 * @example const optOuts = createTickOptOuts(db, config.authSecret); await optOuts.isOptedOut(job.userId, email, job.tracked)
 */
export type TickOptOuts = ReturnType<typeof createTickOptOuts>;

export function createTickOptOuts(db: Database, secret: Uint8Array<ArrayBuffer>) {
  const byUser = new Map<string, Promise<Set<string>>>();
  const hashesOf = (userId: string) => {
    let hashes = byUser.get(userId);
    if (!hashes) {
      hashes = trackingOptOutHashes(db, userId);
      // A failed read is not remembered: the next message asks again.
      hashes.catch(() => byUser.delete(userId));
      byUser.set(userId, hashes);
    }
    return hashes;
  };
  return {
    async isOptedOut(userId: string, address: string, jobTracked: boolean): Promise<boolean> {
      if (!jobTracked) return true;
      const hashes = await hashesOf(userId);
      return hashes.size > 0 && hashes.has(await hashAddress(secret, userId, address));
    },
  };
}
