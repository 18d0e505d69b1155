/** @jsxImportSource hono/jsx */
import { StackTable } from '../components/stack-table';
import type { ApiToken } from '../../../../shared/schemas/tokens';
import { formatDate } from '../lib/format-date';

/** The user's tokens: never the secret, only the preview that tells them apart. */
export function TokenList({ tokens }: { tokens: readonly ApiToken[] }) {
  if (tokens.length === 0) return <p class="card">No API tokens yet.</p>;
  return (
    <StackTable labelledBy="token-list-title" columns={['Name', 'Token', 'Created', 'Last used']}>
          {tokens.map((token) => (
            <tr>
              <td data-label="Name">{token.name}</td>
              <td data-label="Token">
                <code>{token.preview}</code>
              </td>
              <td data-label="Created">
                <time datetime={token.createdAt}>{formatDate(token.createdAt)}</time>
              </td>
              <td data-label="Last used">{token.lastUsedAt ? <time datetime={token.lastUsedAt}>{formatDate(token.lastUsedAt)}</time> : 'never'}</td>
              <td>
                <form
                  method="post"
                  action={`/tokens/${encodeURIComponent(token.id)}/revoke`}
                  data-confirm={`Revoke the token "${token.name}"? Anything using it will stop working.`}
                >
                  <button type="submit" class="danger">
                    Revoke<span class="visually-hidden"> token {token.name}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </StackTable>
  );
}
