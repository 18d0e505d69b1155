/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import { Layout } from '../components/layout';
import { AccountList } from './account-list';
import { AccountNoticeView, type AccountNotice } from './account-notices';
import { ConnectForm } from './connect-form';

export type GmailAccountsPageProps = {
  user: User;
  accounts: readonly GmailAccount[];
  /** The Gmail sandbox's mailbox viewer (null with Google). */
  sandboxViewerUrl: string | null;
  notice?: { notice: AccountNotice; accountId: string | undefined; revokedAtGoogle: boolean } | undefined;
};

/** `/accounts`: the mailboxes campaigns are sent from, and connecting another. */
export function GmailAccountsPage({ user, accounts, sandboxViewerUrl, notice }: GmailAccountsPageProps) {
  return (
    <Layout title="Gmail accounts" user={user} path="/accounts">
      <h1>Gmail accounts</h1>
      <p>Campaigns are sent from these mailboxes, through Gmail, within the daily limit you set for each.</p>
      {notice && (
        <AccountNoticeView
          notice={notice.notice}
          // Only an id among this user's own accounts names an address; anything else stays generic.
          account={accounts.find((account) => account.id === notice.accountId)}
          revokedAtGoogle={notice.revokedAtGoogle}
        />
      )}
      {/* Not a Notice: it is standing information, not news to announce (role="status"). */}
      {sandboxViewerUrl !== null && (
        <div class="notice warning">
          <p>
            <strong>Sandbox mode: no real Google account is involved.</strong> This server has no Google credentials, so
            connecting uses the built-in Gmail sandbox, and nothing sent from it leaves this server. You can{' '}
            <a href={`${sandboxViewerUrl}/`}>view the sandbox mailboxes</a> to read what was sent.
          </p>
        </div>
      )}

      <section aria-labelledby="account-list-title">
        <h2 id="account-list-title">Your accounts</h2>
        <AccountList accounts={accounts} sandboxViewerUrl={sandboxViewerUrl} />
      </section>

      <section aria-labelledby="connect-title">
        <h2 id="connect-title">Connect a Gmail account</h2>
        <ConnectForm isSandbox={sandboxViewerUrl !== null} />
      </section>
    </Layout>
  );
}
