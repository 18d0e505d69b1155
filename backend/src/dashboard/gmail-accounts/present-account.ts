import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { listAccounts, type AccountRow } from '../../accounts/account-store';
import { accountsWithUsage } from '../../accounts/account-usage';
import type { AppDeps } from '../../deps';

/** An account as the pages show it, with what it sent in the last 24 hours and its Gmail units of the last minute. */
export async function presentAccount(deps: Pick<AppDeps, 'db' | 'clock' | 'quota'>, row: AccountRow): Promise<GmailAccount> {
  return (await accountsWithUsage(deps, [row]))[0]!;
}

/** The user's accounts, oldest first, as the pages show them. */
export async function presentAccounts(deps: Pick<AppDeps, 'db' | 'clock' | 'quota'>, userId: string): Promise<GmailAccount[]> {
  return accountsWithUsage(deps, await listAccounts(deps, userId));
}
