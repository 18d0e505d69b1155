/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { Person } from '../../../../shared/schemas/people';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import type { FieldErrors } from '../lib/field-errors';
import { countOf } from '../lib/count-of';
import { findPath } from './people-words';

/** `/people/erase?email=`: what an erasure removes and keeps, before it is done. */
export function ErasePersonPage({ user, person, errors = {} }: { user: User; person: Person; errors?: FieldErrors }) {
  const events = person.campaigns.reduce((n, campaign) => n + campaign.events.length, 0);
  return (
    <Layout title={`Erase ${person.email}`} user={user} path="/people">
      <p>
        <a href={findPath(person.email)}>Back to what is held about {person.email}</a>
      </p>
      <h1>
        Erase <span class="break-anywhere">{person.email}</span>?
      </h1>
      <ErrorSummary errors={errors} fields={['confirm']} />
      <form method="post" action="/people/erase" class="card" novalidate>
        <p>
          The address is removed from {countOf(person.campaigns.length, 'campaign', 'campaigns')}, with their fields, the record of
          their messages and the IP addresses, browsers and links of {countOf(events, 'tracking event', 'tracking events')}. Messages
          still waiting to go to them are cancelled, a file attached for them alone (their campaign’s per-recipient file column) is
          deleted, and they leave your suppression list.
        </p>
        <p>
          Your campaigns' figures stay as they are (sent, opened, clicked, replied): each of their rows stays, holding nothing about
          them. iConnect keeps only a keyed hash of the address, so importing it again later counts it as suppressed and nothing is
          ever sent to it. This cannot be undone. Messages already sent stay in the Gmail mailboxes they were sent from.
        </p>
        <input type="hidden" name="email" value={person.email} />
        <div class={errors.confirm ? 'field checkbox-field field-invalid' : 'field checkbox-field'}>
          <input
            type="checkbox"
            id="confirm"
            name="confirm"
            value="true"
            aria-invalid={errors.confirm ? 'true' : undefined}
            aria-describedby={errors.confirm ? 'confirm-error' : undefined}
          />
          <label for="confirm">I understand that everything iConnect holds about {person.email} is erased for good</label>
          {errors.confirm && (
            <p class="field-error" id="confirm-error">
              <span class="visually-hidden">Error: </span>
              {errors.confirm}
            </p>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="danger">
            Erase {person.email}
          </button>
          <a href={findPath(person.email)}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
