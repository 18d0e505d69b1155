import { and, asc, gt, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { accountSends } from '../db/schema';
import { QUOTA_WINDOW_MS, type QuotaBudget } from './quota-budget';

/**
 * Tells the quota budget about the sends of the last minute it did not see itself (it is in memory:
 * see quota-budget.ts), from the send log the daily limits read (`account_sends`, indexed by account
 * and time). Called by the scheduler before it sends from these accounts.
 *
 * @example await rememberRecentSends(deps.db, deps.quota, accountIds, now)
 */
export async function rememberRecentSends(db: Database, quota: QuotaBudget, accountIds: string[], now: Date): Promise<void> {
  if (accountIds.length === 0) return;
  const rows = await db
    .select({ accountId: accountSends.accountId, sentAt: accountSends.sentAt })
    .from(accountSends)
    .where(and(inArray(accountSends.accountId, accountIds), gt(accountSends.sentAt, new Date(now.getTime() - QUOTA_WINDOW_MS))))
    .orderBy(asc(accountSends.sentAt));
  const byAccount = new Map<string, Date[]>();
  for (const row of rows) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row.sentAt]);
  for (const [accountId, sentAts] of byAccount) quota.rememberSends(accountId, sentAts, now);
}
