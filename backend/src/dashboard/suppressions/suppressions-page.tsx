/** @jsxImportSource hono/jsx */
import { StackTable } from '../components/stack-table';
import type { User } from '../../../../shared/schemas/auth';
import type { Suppression } from '../../../../shared/schemas/suppressions';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { formatDate } from '../lib/format-date';
import { removePath, REASON_WORDS, type SuppressionNotice } from './suppression-words';

export type SuppressionsPageProps = {
  user: User;
  suppressions: readonly Suppression[];
  q: string;
  notice?: SuppressionNotice | undefined;
  email?: string;
  errors?: FieldErrors;
};

const count = new Intl.NumberFormat('en');
const plural = new Intl.PluralRules('en');

/** `/suppressions`: the addresses no campaign sends to, to search, add to and remove from. */
export function SuppressionsPage({ user, suppressions, q, notice, email = '', errors = {} }: SuppressionsPageProps) {
  const n = suppressions.length;
  return (
    <Layout title="Suppression list" user={user} path="/suppressions">
      <h1>Suppression list</h1>
      <p>
        No campaign sends to these addresses. People who unsubscribe or whose mail bounces are added for you; add anyone else
        who asked not to be contacted.
      </p>
      {notice && (
        <Notice>
          <p>{notice.kind === 'added' ? `${notice.email} was added.` : `${notice.email} was removed; campaigns can send to it again.`}</p>
        </Notice>
      )}

      <section aria-labelledby="add-suppression-title">
        <h2 id="add-suppression-title">Add an address</h2>
        <ErrorSummary errors={errors} fields={['email']} />
        <form method="post" action="/suppressions" class="card" novalidate>
          <TextField name="email" label="Email address" type="email" value={email} error={errors.email} autocomplete="off" maxlength={254} />
          <button type="submit">Add to the list</button>
        </form>
      </section>

      <section aria-labelledby="suppression-list-title">
        <h2 id="suppression-list-title">Addresses</h2>
        <form method="get" action="/suppressions" role="search" class="actions">
          <label for="q">Search addresses</label>
          <input id="q" name="q" type="search" value={q} maxlength={254} autocomplete="off" />
          <button type="submit">Search</button>
          {q && <a href="/suppressions">Show all</a>}
        </form>
        <p role="status">
          {q
            ? `${count.format(n)} ${plural.select(n) === 'one' ? 'address matches' : 'addresses match'} “${q}”.`
            : `${count.format(n)} ${plural.select(n) === 'one' ? 'address' : 'addresses'} on the list.`}
        </p>
        {n > 0 && (
          <StackTable labelledBy="suppression-table-title" caption="Suppressed addresses" columns={['Address', 'Why', 'Added']}>
                {suppressions.map((s) => (
                  <tr>
                    <td data-label="Address" class="break-anywhere">
                      {s.email}
                    </td>
                    <td data-label="Why">{REASON_WORDS[s.reason]}</td>
                    <td data-label="Added">
                      <time datetime={s.createdAt}>{formatDate(s.createdAt)}</time>
                    </td>
                    <td>
                      <a href={removePath(s.email)}>
                        Remove<span class="visually-hidden"> {s.email}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </StackTable>
        )}
      </section>
    </Layout>
  );
}
