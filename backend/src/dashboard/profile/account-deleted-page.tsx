/** @jsxImportSource hono/jsx */
import { Layout } from '../components/layout';

/** After the account deletion: the visitor is signed out and nothing of theirs is left. */
export function AccountDeletedPage({ notRevoked }: { notRevoked: readonly string[] }) {
  return (
    <Layout title="Account deleted" user={undefined} path="/account/delete">
      <h1>Your account was deleted</h1>
      <p>Your campaigns, recipients, Gmail accounts, API tokens and suppression list are gone from this server.</p>
      {notRevoked.length > 0 && (
        <p>
          Google could not be reached to revoke iConnect's access to {notRevoked.join(', ')}. Remove it yourself at{' '}
          <a href="https://myaccount.google.com/permissions">myaccount.google.com/permissions</a>.
        </p>
      )}
      <p>
        <a href="/signup">Create a new account</a>
      </p>
    </Layout>
  );
}
