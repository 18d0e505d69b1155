import { useCallback, useState } from 'react';
import type { GmailAccount } from '../../../shared/schemas/accounts';
import { formatAgo, formatCount } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { ProgressBar } from '../ui/progress-bar';
import { StateMessage } from '../ui/state-message';
import { useCached } from '../use-cached';
import { AccountQuota } from './account-quota';
import { AccountType } from './account-type';
import { AccountWarmup } from './account-warmup';
import { DomainAuth } from './domain-auth';
import './accounts.css';

/** Connected Gmail accounts, their health and today's usage; connecting happens on the dashboard. */
export function AccountsScreen() {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'accounts/list', source }), []);
  const accounts = useCached<GmailAccount[]>(load, (list) => list.length === 0);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function connect() {
    setOpening(true);
    setError(null);
    const opened = await sendMessage({ type: 'accounts/connect-gmail' });
    setOpening(false);
    if (!opened.ok) setError(opened.error.message);
  }

  return (
    <section className="stack" aria-labelledby="accounts-title" data-testid="accounts">
      <div className="row row--between">
        <h1 className="section-title" id="accounts-title">
          Gmail accounts
        </h1>
        <button type="button" className="link-button" disabled={accounts.refreshing} onClick={() => void accounts.refresh()}>
          {accounts.refreshing ? 'Updating…' : accounts.fetchedAt ? `Updated ${formatAgo(accounts.fetchedAt)} · refresh` : 'Refresh'}
        </button>
      </div>
      {accounts.error && <InlineAlert message={accounts.error.message} testId="accounts-error" />}
      {accounts.data === undefined && accounts.refreshing && <StateMessage kind="loading" title="Loading accounts…" />}
      {accounts.data?.length === 0 && (
        <StateMessage kind="empty" title="No Gmail account yet" testId="accounts-empty">
          <p className="muted">Connect the Gmail accounts your campaigns will send from. Google asks you to allow it in a new tab.</p>
        </StateMessage>
      )}
      {accounts.data && accounts.data.length > 0 && (
        <ul className="account-list">
          {accounts.data.map((account) => (
            <li key={account.id} className="account-card" data-testid="account-card">
              <div className="row row--between">
                <strong className="account-card__email">{account.email}</strong>
                <span className={`account-card__status account-card__status--${account.status}`}>
                  {account.status === 'ok' ? 'Connected' : 'Needs reconnecting'}
                </span>
              </div>
              {account.statusReason && <p className="muted">{account.statusReason}</p>}
              <ProgressBar value={account.sentLast24h} max={account.effectiveDailyLimit ?? account.dailyLimit} label={`${formatCount(account.sentLast24h)} of ${formatCount(account.effectiveDailyLimit ?? account.dailyLimit)} sent in the last 24 hours`} />
              <p className="muted">
                {formatCount(account.sentLast24h)} of {formatCount(account.effectiveDailyLimit ?? account.dailyLimit)} in the last 24 h · gaps {account.minGapSeconds}–{account.maxGapSeconds} s ·{' '}
                {account.detectsReplies ? 'detects replies' : 'send only (replies not detected)'}
              </p>
              <AccountQuota quota={account.quota} />
              <AccountType type={account.type} />
              <AccountWarmup account={account} onSaved={() => void accounts.refresh()} />
              <DomainAuth accountId={account.id} email={account.email} />
            </li>
          ))}
        </ul>
      )}
      {error && <InlineAlert message={error} />}
      <Button type="button" variant="primary" busy={opening} busyLabel="Opening…" onClick={() => void connect()} data-testid="connect-gmail">
        Connect a Gmail account
      </Button>
      <p className="muted">Opens your dashboard in a tab; come back here when Google has said yes.</p>
    </section>
  );
}
