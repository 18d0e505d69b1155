import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { isErasedKey } from '../../../shared/lib/erased-recipient';
import { SKIP_REASONS } from '../../../shared/schemas/skip-reasons';
import type { Database } from '../db/database';
import { gmailAccounts, recipients, sendJobs, suppressions, users } from '../db/schema';
import { truncateIpAddress } from './truncate-ip';

/** Who asks to leave, and whose list: what the page shows and what the POST changes. */
export type UnsubscribeTarget = {
  jobId: number;
  campaignId: string;
  userId: string;
  recipientId: number;
  step: number;
  email: string;
  emailKey: string;
  /** The account the message came from (null if it was disconnected since). */
  sender: { email: string; name: string } | null;
  alreadySuppressed: boolean;
  /**
   * The person was erased at their request (people/erase-person.ts): only a keyed hash of the
   * address is left, which already keeps it from every list, so their old links change nothing.
   */
  erased: boolean;
  truncateIpAddresses: boolean;
};

/**
 * The job an unsubscribe token names, with its recipient and sender; null if it no longer exists or
 * does not match the token (a valid signature on ids that do not belong together is still refused).
 */
export async function findUnsubscribeTarget(
  db: Database,
  token: { jobId: number; recipientId: number; step: number },
): Promise<UnsubscribeTarget | null> {
  const [row] = await db
    .select({
      campaignId: sendJobs.campaignId,
      userId: sendJobs.userId,
      recipientId: sendJobs.recipientId,
      step: sendJobs.step,
      email: recipients.email,
      emailKey: recipients.emailKey,
      senderEmail: gmailAccounts.email,
      senderName: gmailAccounts.fromName,
      truncateIpAddresses: users.truncateIpAddresses,
      alreadySuppressed: sql<number>`EXISTS (SELECT 1 FROM ${suppressions} WHERE ${suppressions.userId} = ${sendJobs.userId} AND ${suppressions.emailKey} = ${recipients.emailKey})`,
    })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .innerJoin(users, eq(users.id, sendJobs.userId))
    // The account's owner in the join too: never show another user's account.
    .leftJoin(gmailAccounts, and(eq(gmailAccounts.id, sendJobs.accountId), eq(gmailAccounts.userId, sendJobs.userId)))
    .where(eq(sendJobs.id, token.jobId));
  if (!row || row.recipientId !== token.recipientId || row.step !== token.step) return null;
  return {
    jobId: token.jobId,
    campaignId: row.campaignId,
    userId: row.userId,
    recipientId: row.recipientId,
    step: row.step,
    email: row.email,
    emailKey: row.emailKey,
    sender: row.senderEmail === null ? null : { email: row.senderEmail, name: row.senderName ?? '' },
    alreadySuppressed: Boolean(row.alreadySuppressed) || isErasedKey(row.emailKey),
    erased: isErasedKey(row.emailKey),
    truncateIpAddresses: row.truncateIpAddresses,
  };
}

/**
 * Unsubscribes the address from everything of this user, in one batch (one transaction, one round
 * trip on every driver), before the page answers:
 * - the address joins the user's suppression list (an address already there keeps its first reason);
 * - the recipient becomes `unsubscribed` in every campaign of the user that has this address;
 * - every queued message to it, in any campaign and from any account of the user, is `skipped`
 *   (not `cancelled`, which means the user cancelled the campaign), with the reason the engine gives;
 * - an `unsubscribe` event is recorded once for the campaign the link came from.
 * Every statement is conditional, so repeating it (a scanner, a double click, a provider's retry)
 * changes nothing.
 */
export async function applyUnsubscribe(
  db: Database,
  target: UnsubscribeTarget,
  request: { at: Date; ipAddress: string | null; userAgent: string | null },
): Promise<void> {
  if (target.erased) return;
  const { userId, emailKey } = target;
  const ipAddress = request.ipAddress !== null && target.truncateIpAddresses ? truncateIpAddress(request.ipAddress) : request.ipAddress;
  // recipients_by_user_address (user_id, email_key) serves this, here and in the jobs' subquery.
  const sameAddress = and(eq(recipients.userId, userId), eq(recipients.emailKey, emailKey));
  await db.batch([
    db
      .insert(suppressions)
      .values({ userId, emailKey, email: target.email, reason: 'unsubscribed', sourceCampaignId: target.campaignId, createdAt: request.at })
      .onConflictDoNothing(),
    db
      .update(recipients)
      .set({ status: 'unsubscribed', statusReason: SKIP_REASONS.unsubscribed, lastEventAt: request.at })
      .where(and(sameAddress, ne(recipients.status, 'unsubscribed'))),
    db
      .update(sendJobs)
      .set({ status: 'skipped', statusReason: SKIP_REASONS.unsubscribed, leaseUntil: null })
      .where(
        and(
          eq(sendJobs.userId, userId),
          eq(sendJobs.status, 'queued'),
          inArray(sendJobs.recipientId, db.select({ id: recipients.id }).from(recipients).where(sameAddress)),
        ),
      ),
    // tracking_events_by_campaign_kind_recipient answers the NOT EXISTS.
    db.run(sql`
      INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, machine, ip_address, user_agent, occurred_at)
      SELECT ${target.campaignId}, ${target.recipientId}, ${target.jobId}, ${target.step}, 'unsubscribe', 0, ${ipAddress}, ${request.userAgent}, ${request.at.getTime()}
      WHERE NOT EXISTS (
        SELECT 1 FROM tracking_events
        WHERE campaign_id = ${target.campaignId} AND kind = 'unsubscribe' AND recipient_id = ${target.recipientId}
      )`),
  ]);
}
