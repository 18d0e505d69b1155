/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';

export type HomePageProps = {
  user: User;
  /** The address the extension is told to talk to. */
  serverUrl: string;
};

/** The signed-in landing page: who you are, your Gmail accounts, and the first steps. */
export function HomePage({ user, serverUrl }: HomePageProps) {
  return (
    <Layout title="Home" user={user} path="/">
      <h1>Your campaigns, from Gmail</h1>
      <p class="lead">
        Signed in as <strong>{user.email}</strong>
      </p>

      <section aria-labelledby="gmail-accounts-title">
        <h2 id="gmail-accounts-title">Gmail accounts</h2>
        <div class="card empty-state">
          <p>No Gmail account connected yet.</p>
          {/* Connecting arrives with the Gmail OAuth flow; until then the button says so instead of failing. */}
          <button type="button" disabled aria-describedby="connect-soon">
            Connect a Gmail account
          </button>
          <p id="connect-soon" class="hint">
            Connecting Gmail accounts is coming soon.
          </p>
        </div>
      </section>

      <section aria-labelledby="get-started-title">
        <h2 id="get-started-title">Get started</h2>
        <ol class="checklist">
          <li>
            <strong>Connect a Gmail account</strong> to send from (coming soon).
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
