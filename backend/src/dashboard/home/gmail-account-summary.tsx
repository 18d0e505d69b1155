/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { AccountStatusBadge, AccountUsage } from '../gmail-accounts/account-status';

/** Home's glance at the mailboxes: address, state and today's usage; the details live on /accounts. */
export function GmailAccountSummary({ accounts }: { accounts: readonly GmailAccount[] }) {
  if (accounts.length === 0) {
    return (
      <div class="card empty-state">
        <p>No Gmail account connected yet.</p>
        <a class="button" href="/accounts">
          Connect a Gmail account
        </a>
      </div>
    );
  }
  return (
    <div class="card">
      <ul class="account-summary">
        {accounts.map((account) => (
          <li>
            <div class="account-head">
              <strong class="break-anywhere">{account.email}</strong>
              <AccountStatusBadge account={account} />
            </div>
            <AccountUsage account={account} />
          </li>
        ))}
      </ul>
      <a class="button secondary" href="/accounts">
        Manage Gmail accounts
      </a>
    </div>
  );
}
