import type { GmailAccount } from '../../../shared/schemas/accounts';
import type { AppDeps } from '../deps';
import { sentInLast24h } from '../limits/daily-limits';
import { toGmailAccount, type AccountRow } from './account-store';

/** Accounts as the API and the dashboard show them: settings, state and what they sent in the last 24 hours. */
export async function accountsWithUsage(deps: Pick<AppDeps, 'db' | 'clock'>, rows: AccountRow[]): Promise<GmailAccount[]> {
  const sent = await sentInLast24h(deps.db, rows.map((row) => row.id), deps.clock.now());
  return rows.map((row) => toGmailAccount(row, sent.get(row.id) ?? 0));
}
