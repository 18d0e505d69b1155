/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { Suppression } from '../../../../shared/schemas/suppressions';
import { Layout } from '../components/layout';
import { REASON_WORDS, REMOVAL_WARNING, removePath } from './suppression-words';

/** `/suppressions/remove?email=`: what removing means, before it is done. */
export function RemoveSuppressionPage({ user, suppression }: { user: User; suppression: Suppression }) {
  return (
    <Layout title={`Remove ${suppression.email}`} user={user} path={removePath(suppression.email)}>
      <p>
        <a href="/suppressions">Back to the suppression list</a>
      </p>
      <h1>
        Remove <span class="break-anywhere">{suppression.email}</span> from the suppression list?
      </h1>
      <div class="card">
        <p>
          On the list because: <strong>{REASON_WORDS[suppression.reason]}</strong>.
        </p>
        <p>{REMOVAL_WARNING} Remove an address only when its owner asked to hear from you again.</p>
        <form method="post" action="/suppressions/remove" class="actions">
          <input type="hidden" name="email" value={suppression.email} />
          <button type="submit" class="danger">
            Remove {suppression.email}
          </button>
          <a href="/suppressions">Cancel</a>
        </form>
      </div>
    </Layout>
  );
}
