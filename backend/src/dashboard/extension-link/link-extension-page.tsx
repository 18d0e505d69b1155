/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import { EXTENSION_LINK_PATH, type ExtensionLinkRequest } from '../../../../shared/schemas/extension-link';
import { Layout } from '../components/layout';

export type LinkExtensionPageProps = {
  user: User;
  request: ExtensionLinkRequest;
  /** The name the new token will get, said before it is made. */
  tokenName: string;
};

/**
 * Asks before linking: the extension opened this page, but only the signed-in person's click
 * (a same-origin form post) creates a token. The request travels in hidden fields, checked again.
 */
export function LinkExtensionPage({ user, request, tokenName }: LinkExtensionPageProps) {
  return (
    <Layout title="Link the extension" user={user} path={EXTENSION_LINK_PATH}>
      <h1>Link the iConnect extension</h1>
      <form method="post" action={EXTENSION_LINK_PATH} class="card">
        <p>
          Link the iConnect extension in this browser to <strong>{user.email}</strong>? It gets an API token named{' '}
          <strong>{tokenName}</strong> that you can revoke on the <a href="/tokens">API tokens page</a>.
        </p>
        <p class="hint">The extension reads the token from the next page and closes this tab. To cancel, close this tab.</p>
        <input type="hidden" name="state" value={request.state} />
        <input type="hidden" name="extension" value={request.extension} />
        <button type="submit">
          Link the extension
        </button>
      </form>
    </Layout>
  );
}
