import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { recipients, sendJobs, trackingOptOuts } from '../db/schema';
import { hashAddress } from '../lib/address-hash';

/**
 * "Stop tracking my opens and clicks" (the unsubscribe page): the address is never tracked by this
 * user again. Only a keyed hash of it is kept (lib/address-hash.ts), so an erasure leaves nothing
 * readable, and the engine asks before each message (tracking-decision.ts).
 */

/** Whether this address asked this user not to track it: one primary-key lookup. */
export async function isTrackingOptedOut(db: Database, secret: Uint8Array<ArrayBuffer>, userId: string, address: string): Promise<boolean> {
  const hash = await hashAddress(secret, userId, address);
  const [row] = await db
    .select({ one: trackingOptOuts.userId })
    .from(trackingOptOuts)
    .where(and(eq(trackingOptOuts.userId, userId), eq(trackingOptOuts.addressHash, hash)));
  return row !== undefined;
}

/** Every opted-out hash of this user (the preflight counts a whole list against them). */
export async function trackingOptOutHashes(db: Database, userId: string): Promise<Set<string>> {
  const rows = await db.select({ hash: trackingOptOuts.addressHash }).from(trackingOptOuts).where(eq(trackingOptOuts.userId, userId));
  return new Set(rows.map((row) => row.hash));
}

/**
 * Records the opt-out and turns tracking off on every message of this user to the address, sent
 * or queued, in one batch. Repeating it changes nothing. Returns the jobs turned off, for the
 * tracking routes to forget what they cached about them.
 */
export async function optOutOfTracking(
  db: Database,
  secret: Uint8Array<ArrayBuffer>,
  target: { userId: string; email: string; emailKey: string },
  at: Date,
): Promise<number[]> {
  const hash = await hashAddress(secret, target.userId, target.email);
  // recipients_by_user_address (user_id, email_key) finds the address in every campaign of the user.
  const sameAddress = db
    .select({ id: recipients.id })
    .from(recipients)
    .where(and(eq(recipients.userId, target.userId), eq(recipients.emailKey, target.emailKey)));
  const [, turnedOff] = await db.batch([
    db.insert(trackingOptOuts).values({ userId: target.userId, addressHash: hash, createdAt: at }).onConflictDoNothing(),
    db
      .update(sendJobs)
      .set({ tracked: false })
      .where(and(eq(sendJobs.userId, target.userId), inArray(sendJobs.recipientId, sameAddress)))
      .returning({ id: sendJobs.id }),
  ]);
  return turnedOff.map((row) => row.id);
}
