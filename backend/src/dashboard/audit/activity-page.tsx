/** @jsxImportSource hono/jsx */
import type { AuditEntry } from '../../../../shared/schemas/audit';
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';
import { formatDate } from '../lib/format-date';
import { onWhat, whatHappened, whoDid, type SubjectNames } from './activity-words';

export const ACTIVITY_PATH = '/activity';

export type ActivityPageProps = {
  user: User;
  entries: readonly AuditEntry[];
  names: SubjectNames;
  /** The cursor this page was asked with: absent on the newest page. */
  cursor?: string | undefined;
  nextCursor: string | null;
};

/** `/activity`: the audit log in words, newest first, a page at a time. */
export function ActivityPage({ user, entries, names, cursor, nextCursor }: ActivityPageProps) {
  return (
    <Layout title="Activity log" user={user} path={ACTIVITY_PATH}>
      <h1>Activity log</h1>
      <p>
        What was done in your account and by whom, newest first: sign-ins, API tokens, Gmail accounts, settings, campaigns,
        imports, exports and requests about one person. It never holds a password, a token’s secret, a message or a
        recipient’s address. It is deleted with your account.
      </p>
      {entries.length === 0 ? (
        <p role="status">{cursor === undefined ? 'Nothing has been recorded yet.' : 'There are no older entries.'}</p>
      ) : (
        <div class="table-scroll card" role="region" aria-labelledby="activity-table-title" tabindex={0}>
          <table class="stack-table">
            <caption id="activity-table-title" class="visually-hidden">
              {cursor === undefined ? 'Latest activity' : 'Older activity'}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On what</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td data-label="When">
                    <time datetime={entry.occurredAt}>{formatDate(entry.occurredAt)}</time>
                  </td>
                  <td data-label="Who">{whoDid(entry)}</td>
                  <td data-label="What">{whatHappened(entry)}</td>
                  <td data-label="On what" class="break-anywhere">
                    {onWhat(entry, names)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(nextCursor !== null || cursor !== undefined) && (
        <nav aria-label="Activity pages" class="actions">
          {cursor !== undefined && <a href={ACTIVITY_PATH}>Newest entries</a>}
          {nextCursor !== null && <a href={`${ACTIVITY_PATH}?${new URLSearchParams({ cursor: nextCursor })}`}>Older entries</a>}
        </nav>
      )}
    </Layout>
  );
}
