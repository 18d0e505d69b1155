import { and, eq, inArray } from 'drizzle-orm';
import type { AuditEntry } from '../../../../shared/schemas/audit';
import { campaigns, gmailAccounts } from '../../db/schema';
import type { AppDeps } from '../../deps';
import type { SubjectNames } from './activity-words';

/**
 * The current names of the campaigns and Gmail accounts a page of entries acted on, owner-scoped:
 * the log keeps ids, so a renamed campaign shows its name of today and a deleted one says so.
 */
export async function subjectNames(deps: Pick<AppDeps, 'db'>, userId: string, entries: readonly AuditEntry[]): Promise<SubjectNames> {
  const ids = (prefixes: string[]) => [
    ...new Set(entries.filter((e) => e.subject !== null && prefixes.includes(e.action.split('.')[0]!)).map((e) => e.subject!)),
  ];
  const campaignIds = ids(['campaign', 'recipients', 'data']);
  const accountIds = ids(['account']);
  const [campaignRows, accountRows] = await Promise.all([
    campaignIds.length === 0
      ? []
      : deps.db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(and(eq(campaigns.userId, userId), inArray(campaigns.id, campaignIds))),
    accountIds.length === 0
      ? []
      : deps.db
          .select({ id: gmailAccounts.id, email: gmailAccounts.email })
          .from(gmailAccounts)
          .where(and(eq(gmailAccounts.userId, userId), inArray(gmailAccounts.id, accountIds))),
  ]);
  return {
    campaigns: new Map(campaignRows.map((row) => [row.id, row.name])),
    accounts: new Map(accountRows.map((row) => [row.id, row.email])),
  };
}
