/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import { EXTENSION_LINK_PATH, EXTENSION_TOKEN_ELEMENT_ID } from '../../../../shared/schemas/extension-link';
import type { CreatedToken } from '../../../../shared/schemas/tokens';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';

export type ExtensionLinkedPageProps = {
  user: User;
  token: CreatedToken;
  /** The extension's state, echoed so it can tell this answer is for the request it made. */
  state: string;
};

/**
 * "Linked — you can close this tab". The secret is in this page's DOM only (never in a URL, a
 * redirect or a log), hidden from view: the extension's background reads the `<output>` from the tab
 * it opened, checks `data-state`, and closes the tab.
 */
export function ExtensionLinkedPage({ user, token, state }: ExtensionLinkedPageProps) {
  return (
    <Layout title="Extension linked" user={user} path={EXTENSION_LINK_PATH} signOut={false}>
      <h1>Linked — you can close this tab</h1>
      <Notice>
        <p>
          The iConnect extension in this browser now uses the API token <strong>{token.name}</strong>. It closes this tab
          itself once it has the token; if the tab stays open, the extension’s side panel says what went wrong.
        </p>
        <p>
          To unlink it, revoke the token on the <a href="/tokens">API tokens page</a>.
        </p>
      </Notice>
      <output id={EXTENSION_TOKEN_ELEMENT_ID} data-state={state} hidden>
        {token.token}
      </output>
    </Layout>
  );
}
