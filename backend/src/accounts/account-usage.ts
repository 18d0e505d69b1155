import type { GmailAccount } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { sentInLast24h } from '../limits/daily-limits';
import type { QuotaBudget } from '../limits/quota-budget';
import { toGmailAccount, type AccountRow } from './account-store';

/**
 * Accounts as the API and the dashboard show them: settings, state, what they sent in the last 24
 * hours and, with the engine's quota budget at hand, the Gmail units they used in the last minute.
 */
export async function accountsWithUsage(deps: Pick<AppDeps, 'db' | 'clock'> & { quota?: QuotaBudget }, rows: AccountRow[]): Promise<GmailAccount[]> {
  const now = deps.clock.now();
  const sent = await sentInLast24h(deps.db, rows.map((row) => row.id), now);
  const quota = deps.quota;
  return rows.map((row) => ({
    ...toGmailAccount(row, sent.get(row.id) ?? 0, now),
    ...(quota ? { quota: { unitsLastMinute: quota.unitsLastMinute(row.id, now), unitsPerMinute: quota.unitsPerMinute } } : {}),
  }));
}
