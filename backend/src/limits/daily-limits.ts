import { and, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
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

/**
 * Rows per key whose `at` falls in the 24 hours before `now` (and that match `where`); every key
 * asked for is in the answer, 0 where nothing counts.
 */
async function countsInLast24h(
  db: Database,
  rows: { table: SQLiteTable; key: SQLiteColumn; at: SQLiteColumn; where?: SQL },
  keys: string[],
  now: Date,
): Promise<Map<string, number>> {
  const counts = new Map(keys.map((key) => [key, 0]));
  if (keys.length === 0) return counts;
  const found = await db
    .select({ key: rows.key, n: sql<number>`count(*)` })
    .from(rows.table)
    .where(and(inArray(rows.key, keys), rows.where, gt(rows.at, new Date(now.getTime() - DAY_MS))))
    .groupBy(rows.key);
  for (const row of found) counts.set(String(row.key), row.n);
  return counts;
}

/** Messages each account sent in the 24 hours before `now`: Gmail's own rolling window. */
export function sentInLast24h(db: Database, accountIds: string[], now: Date): Promise<Map<string, number>> {
  return countsInLast24h(db, { table: accountSends, key: accountSends.accountId, at: accountSends.sentAt }, accountIds, now);
}

/**
 * A campaign's sent jobs, as a condition SQLite reads through send_jobs_sent_by_campaign (campaign,
 * sent_at): `+status` keeps the status off any index (sqlite.org/optoverview.html, "Disqualifying
 * WHERE clause terms using unary-+"), so send_jobs_due (status, campaign, due) is not taken, which
 * would read every message the campaign ever sent to count one day's.
 */
const IS_SENT = sql`+${sendJobs.status} = 'sent'`;

/** Messages each campaign sent in the last 24 hours (its optional daily cap). */
export function campaignSentLast24h(db: Database, campaignIds: string[], now: Date): Promise<Map<string, number>> {
  return countsInLast24h(db, { table: sendJobs, key: sendJobs.campaignId, at: sendJobs.sentAt, where: IS_SENT }, campaignIds, now);
}

/**
 * The rolling rule itself, as instants: a send at `t` is allowed when fewer than `limit` sends fall
 * in (t − 24 h, t], i.e. when the `limit`-th most recent send is at least 24 hours old. The
 * earliest such moment at or after `atMs`, given the sends so far (ms, oldest first; older ones
 * may be left in). The finish estimate (schedule/send-plan.ts) and the waiting reason
 * (campaigns/campaign-waiting.ts) use it; the engine applies the same rule as a count (`roomLeft`).
 *
 * @example rollingLimitFreeAt([t0, t1, t2], 2, now) // max(now, t1 + 24 h)
 */
export function rollingLimitFreeAt(sendsAsc: readonly number[], limit: number, atMs: number): number {
  if (limit <= 0) return Infinity;
  const nth = sendsAsc[sendsAsc.length - limit];
  return nth === undefined ? atMs : Math.max(atMs, nth + DAY_MS);
}

/**
 * When each account's sends of the last 24 hours went (ms, oldest first), to the minute: each is
 * placed at the end of its minute, so room is never planned before it comes back, and a busy
 * account reads as at most 1,440 groups instead of a row per message.
 */
export async function sendTimesInLast24h(db: Database, accountIds: string[], now: Date): Promise<Map<string, number[]>> {
  const times = new Map(accountIds.map((id): [string, number[]] => [id, []]));
  if (accountIds.length === 0) return times;
  const minute = sql<number>`${accountSends.sentAt} / 60000`;
  const rows = await db
    .select({ accountId: accountSends.accountId, minute, n: sql<number>`count(*)` })
    .from(accountSends)
    .where(and(inArray(accountSends.accountId, accountIds), gt(accountSends.sentAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(accountSends.accountId, minute)
    .orderBy(accountSends.accountId, minute);
  for (const row of rows) {
    const at = Math.min(now.getTime(), (Math.floor(row.minute) + 1) * 60_000 - 1);
    const list = times.get(row.accountId)!;
    for (let i = 0; i < row.n; i++) list.push(at);
  }
  return times;
}

/** The same for one campaign's sends (its optional daily cap). */
export async function campaignSendTimesInLast24h(db: Database, campaignId: string, now: Date): Promise<number[]> {
  const minute = sql<number>`${sendJobs.sentAt} / 60000`;
  const rows = await db
    .select({ minute, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaignId), IS_SENT, gt(sendJobs.sentAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(minute)
    .orderBy(minute);
  const times: number[] = [];
  for (const row of rows) {
    const at = Math.min(now.getTime(), (Math.floor(row.minute) + 1) * 60_000 - 1);
    for (let i = 0; i < row.n; i++) times.push(at);
  }
  return times;
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
