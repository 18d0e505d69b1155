import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { users } from '../db/schema';
import type { CampaignRow } from './campaign-store';

/**
 * The sender's postal address (settings), which every campaign's footer shows (CAN-SPAM,
 * 15 U.S.C. 7704(a)(5)) and whose absence the preflight warns about; null when the user has not set one.
 *
 * One query per campaign per tick, not per message: keyed by the campaign row, which the scheduler
 * reads afresh each tick, so a changed address applies from the next tick.
 */
const perCampaignRow = new WeakMap<CampaignRow, Promise<string | null>>();

export function postalAddressFor(db: Database, campaign: CampaignRow): Promise<string | null> {
  let address = perCampaignRow.get(campaign);
  if (!address) {
    address = postalAddressOf(db, campaign.userId);
    // A failed read is not remembered: the next message asks again.
    address.catch(() => perCampaignRow.delete(campaign));
    perCampaignRow.set(campaign, address);
  }
  return address;
}

/** The user's postal address, read now; null when not set (or only blanks). */
export async function postalAddressOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ postalAddress: users.postalAddress }).from(users).where(eq(users.id, userId));
  const address = row?.postalAddress?.trim();
  return address ? address : null;
}
