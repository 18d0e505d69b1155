/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { ApiToken, CreatedToken } from '../../../../shared/schemas/tokens';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { CreatedTokenNotice } from './created-token';
import { TokenList } from './token-list';

export type TokensPageProps = {
  user: User;
  tokens: readonly ApiToken[];
  created?: CreatedToken | undefined;
  revoked?: boolean;
  name?: string;
  errors?: FieldErrors;
};

/** Create, list and revoke the API tokens the extension and scripts sign in with. */
export function TokensPage({ user, tokens, created, revoked = false, name = '', errors = {} }: TokensPageProps) {
  return (
    <Layout title="API tokens" user={user} path="/tokens">
      <h1>API tokens</h1>
      <p>
        The browser extension and your scripts use an API token to act as you. Treat each token like a password, and revoke
        one you no longer use.
      </p>
      {created && <CreatedTokenNotice token={created} />}
      {revoked && (
        <Notice>
          <p>The token was revoked. Anything that used it can no longer reach your account.</p>
        </Notice>
      )}

      <section aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create a token</h2>
        <ErrorSummary errors={errors} fields={['name']} />
        <form method="post" action="/tokens" class="card" novalidate>
          <TextField
            name="name"
            label="Token name"
            hint="Something to recognise it by, for example “Chrome on my laptop”."
            value={name}
            error={errors.name}
            autocomplete="off"
            maxlength={100}
          />
          <button type="submit">Create token</button>
        </form>
      </section>

      <section>
        <h2 id="token-list-title">Your tokens</h2>
        <TokenList tokens={tokens} />
      </section>
    </Layout>
  );
}
