import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { listAccounts, toGmailAccount, type AccountRow } from '../../accounts/account-store';
import type { AppDeps } from '../../deps';

/**
 * An account as the pages show it. The one place that supplies "sent in the last 24 hours": the
 * sending engine does not exist yet, so nothing has gone out and the count is 0. When it arrives,
 * count here (async already, so no page has to change).
 */
export async function presentAccount(_deps: Pick<AppDeps, 'db'>, row: AccountRow): Promise<GmailAccount> {
  return toGmailAccount(row, 0);
}

/** The user's accounts, oldest first, as the pages show them. */
export async function presentAccounts(deps: Pick<AppDeps, 'db'>, userId: string): Promise<GmailAccount[]> {
  const rows = await listAccounts(deps, userId);
  return Promise.all(rows.map((row) => presentAccount(deps, row)));
}
