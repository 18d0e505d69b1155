/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';
import { accountPath } from './owned-account';

/** `/accounts/:id/disconnect`: what disconnecting does, before it is done. */
export function DisconnectPage({ user, account }: { user: User; account: GmailAccount }) {
  const path = accountPath(account.id, 'disconnect');
  return (
    <Layout title={`Disconnect ${account.email}`} user={user} path={path}>
      <p>
        <a href="/accounts">Back to Gmail accounts</a>
      </p>
      <h1>
        Disconnect <span class="break-anywhere">{account.email}</span>?
      </h1>
      <div class="card">
        <p>Disconnecting this mailbox:</p>
        <ul>
          <li>asks Google to revoke iConnect's access to it;</li>
          <li>deletes its stored tokens and its settings from this server;</li>
          <li>pauses the campaigns that send only from this account (campaigns with other accounts carry on with those).</li>
        </ul>
        <p>Messages already sent stay in the mailbox's Sent folder. You can connect the account again later.</p>
        <form method="post" action={path} class="actions">
          <button type="submit" class="danger">
            Disconnect {account.email}
          </button>
          <a href="/accounts">Cancel</a>
        </form>
      </div>
    </Layout>
  );
}
