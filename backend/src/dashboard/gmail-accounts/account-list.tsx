/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { AccountQuota, AccountStatusBadge, AccountUsage } from './account-status';
import { ConnectAgainForm } from './connect-form';
import { accountPath } from './owned-account';
import { grantedPermissionWords } from './permissions';
import { warmupWords } from './warmup-words';

export type AccountListProps = {
  accounts: readonly GmailAccount[];
  /** The Gmail sandbox's mailbox viewer (null with Google): each account links to its mailbox there. */
  sandboxViewerUrl: string | null;
};

/** Every connected mailbox with its state, usage, settings and actions; one card each. */
export function AccountList({ accounts, sandboxViewerUrl }: AccountListProps) {
  if (accounts.length === 0) return <p class="card">No Gmail account connected yet.</p>;
  return (
    <ul class="account-list">
      {accounts.map((account) => (
        <li>
          <AccountCard account={account} sandboxViewerUrl={sandboxViewerUrl} />
        </li>
      ))}
    </ul>
  );
}

function AccountCard({ account, sandboxViewerUrl }: { account: GmailAccount; sandboxViewerUrl: string | null }) {
  const titleId = `account-${account.id}-title`;
  const permissions = grantedPermissionWords(account.scopes);
  return (
    <article class="card account" aria-labelledby={titleId}>
      <div class="account-head">
        <h3 id={titleId}>{account.email}</h3>
        <AccountStatusBadge account={account} />
      </div>
      {account.status === 'needs_reconnect' && (
        <div class="notice warning">
          <p>{account.statusReason ?? 'Google no longer accepts the authorisation of this account.'} Nothing is sent from it until then.</p>
          <ConnectAgainForm account={account} />
        </div>
      )}
      <AccountUsage account={account} />
      <AccountQuota account={account} />
      <dl class="details account-details">
        <dt>Daily limit</dt>
        <dd>{account.dailyLimit} messages in 24 hours</dd>
        {warmupWords(account) && (
          <>
            <dt>Warm-up</dt>
            <dd>{warmupWords(account)!.replace(/^Warm-up: /, '')}</dd>
          </>
        )}
        <dt>Gap between messages</dt>
        <dd>
          {account.minGapSeconds} to {account.maxGapSeconds} seconds, at random
        </dd>
        <dt>Time zone</dt>
        <dd>{account.timezone}</dd>
        <dt>From name</dt>
        <dd>{account.fromName || <span class="muted">not set</span>}</dd>
        <dt>Permissions granted</dt>
        <dd>
          {permissions.join('; ')}
          {!account.detectsReplies && <span class="muted"> (replies and bounces are not detected)</span>}
        </dd>
      </dl>
      <div class="actions">
        <a class="button secondary" href={accountPath(account.id, 'settings')}>
          Edit settings<span class="visually-hidden"> of {account.email}</span>
        </a>
        <form method="post" action={accountPath(account.id, 'check')} class="inline-form">
          <button type="submit" class="secondary">
            Test connection<span class="visually-hidden"> of {account.email}</span>
          </button>
        </form>
        {sandboxViewerUrl !== null && (
          <a class="button secondary" href={`${sandboxViewerUrl}/mailboxes/${encodeURIComponent(account.email)}`}>
            View mailbox<span class="visually-hidden"> of {account.email} in the sandbox</span>
          </a>
        )}
        <a class="button danger" href={accountPath(account.id, 'disconnect')}>
          Disconnect<span class="visually-hidden"> {account.email}</span>
        </a>
      </div>
    </article>
  );
}
