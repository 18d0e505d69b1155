import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accountSends, sendJobs } from '../db/schema';

/**
 * The daily limits, both over a rolling 24 hours: an account's own limit (Gmail counts what a user
 * sent in the last 24 hours, not per calendar day: about 500 for consumer Gmail, 2,000 for
 * Workspace, https://support.google.com/a/answer/166852) and a campaign's optional daily cap.
 * The counts are read once per tick; the checks are pure so the scheduler, the progress figures
 * and the finish estimate apply the same rule.
 */

/** One day in milliseconds: Gmail's rolling window, and the length of a local day number in schedule/wall-time. */
export const DAY_MS = 86_400_000;

/** Messages each account sent in the 24 hours before `now`: Gmail's own rolling window. */
export async function sentInLast24h(db: Database, accountIds: string[], now: Date): Promise<Map<string, number>> {
  const counts = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return counts;
  const rows = await db
    .select({ accountId: accountSends.accountId, n: sql<number>`count(*)` })
    .from(accountSends)
    .where(and(inArray(accountSends.accountId, accountIds), gt(accountSends.sentAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(accountSends.accountId);
  for (const row of rows) counts.set(row.accountId, row.n);
  return counts;
}

/** Messages each campaign sent in the last 24 hours (its optional daily cap). */
export async function campaignSentLast24h(db: Database, campaignIds: string[], now: Date): Promise<Map<string, number>> {
  const counts = new Map(campaignIds.map((id) => [id, 0]));
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({ campaignId: sendJobs.campaignId, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(inArray(sendJobs.campaignId, campaignIds), eq(sendJobs.status, 'sent'), gt(sendJobs.sentAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(sendJobs.campaignId);
  for (const row of rows) counts.set(row.campaignId, row.n);
  return counts;
}

/**
 * Messages an account may still send before its limit, never below zero.
 *
 * @example roomLeft(500, 480) // 20
 */
export function roomLeft(dailyLimit: number, sentLast24h: number): number {
  return Math.max(0, dailyLimit - sentLast24h);
}

/** Whether a campaign may send another message today: no cap, or fewer sent in 24 hours than its cap. */
export function underDailyCap(throttle: { dailyCap?: number | undefined }, sentLast24h: number): boolean {
  return throttle.dailyCap === undefined || sentLast24h < throttle.dailyCap;
}
