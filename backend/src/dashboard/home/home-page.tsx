/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';
import { GmailAccountSummary } from './gmail-account-summary';

export type HomePageProps = {
  user: User;
  /** The address the extension is told to talk to. */
  serverUrl: string;
  accounts: readonly GmailAccount[];
};

/** The signed-in landing page: who you are, your Gmail accounts, and the first steps. */
export function HomePage({ user, serverUrl, accounts }: HomePageProps) {
  return (
    <Layout title="Home" user={user} path="/">
      <h1>Your campaigns, from Gmail</h1>
      <p class="lead">
        Signed in as <strong>{user.email}</strong>
      </p>

      <section aria-labelledby="gmail-accounts-title">
        <h2 id="gmail-accounts-title">Gmail accounts</h2>
        <GmailAccountSummary accounts={accounts} />
      </section>

      <section aria-labelledby="get-started-title">
        <h2 id="get-started-title">Get started</h2>
        <ol class="checklist">
          <li>
            <strong>
              <a href="/accounts">Connect a Gmail account</a>
            </strong>{' '}
            to send from.
          </li>
          <li>
            <strong>
              <a href="/tokens">Create an API token</a>
            </strong>{' '}
            for the browser extension.
          </li>
          <li>
            <strong>Load the iConnect extension</strong> in Chrome, then enter this server's address,{' '}
            <code>{serverUrl}</code>, and your token.
          </li>
        </ol>
      </section>
    </Layout>
  );
}
