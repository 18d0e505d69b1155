import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accountSends } from '../db/schema';

export const DAY_MS = 24 * 3_600_000;

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
