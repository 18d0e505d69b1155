/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { Person } from '../../../../shared/schemas/people';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { formatDate } from '../lib/format-date';
import { downloadPath, erasePath, holdsAnything } from './people-words';
import { PersonRecordSections } from './person-record-sections';

export type FindPersonPageProps = {
  user: User;
  /** The address as typed, shown back in the field. */
  email?: string;
  errors?: FieldErrors;
  /** What is held about the address asked about; absent before a search. */
  person?: Person | undefined;
};

/**
 * `/people`: "Find a person". A GET form (it changes nothing, and works without JavaScript), then
 * everything held about the address, to download as JSON or to erase: a recipient's access and
 * erasure requests (GDPR Art. 15 and 17).
 */
export function FindPersonPage({ user, email = '', errors = {}, person }: FindPersonPageProps) {
  return (
    <Layout title={person ? `Data about ${person.email}` : 'Find a person'} user={user} path="/people">
      <h1>Find a person</h1>
      <p>
        When someone asks what you hold about them, or asks you to erase it, look up their address here. You see every campaign
        they are in, their fields, what was sent to them and what was tracked.
      </p>
      <ErrorSummary errors={errors} fields={['email']} />
      <form method="get" action="/people" class="card" role="search" novalidate>
        <TextField name="email" label="Their email address" type="email" value={email} error={errors.email} autocomplete="off" maxlength={254} />
        <button type="submit">Find</button>
      </form>

      {person && (
        <section aria-labelledby="person-title">
          <h2 id="person-title" class="break-anywhere">
            {person.email}
          </h2>
          {holdsAnything(person) ? (
            <>
              <p class="actions">
                <a class="button" href={downloadPath(person.email)} download>
                  Download as JSON
                </a>
                <a class="button danger" href={erasePath(person.email)}>
                  Erase this person
                </a>
              </p>
              <PersonRecordSections person={person} />
            </>
          ) : (
            <>
              <p role="status">iConnect holds nothing about {person.email}.</p>
              {person.erasedAt && (
                <p>
                  It was erased at their request on <time datetime={person.erasedAt}>{formatDate(person.erasedAt)}</time>: only a keyed
                  hash of the address is kept, so importing it again counts it as suppressed.
                </p>
              )}
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
