/** @jsxImportSource hono/jsx */
import type { Person } from '../../../../shared/schemas/people';
import { formatDate } from '../lib/format-date';
import { REASON_WORDS } from '../suppressions/suppression-words';
import { countOf } from '../lib/count-of';
import { EVENT_WORDS } from './people-words';

type PersonCampaign = Person['campaigns'][number];

/** The step of a message as people say it: the first message, then follow-ups. */
function stepWords(step: number | null): string {
  if (step === null) return '';
  return step === 0 ? 'First message' : `Follow-up ${step}`;
}

/** Everything held about one address, as readable sections: what an access request is answered with. */
export function PersonRecordSections({ person }: { person: Person }) {
  return (
    <>
      <section aria-labelledby="person-lists-title">
        <h2 id="person-lists-title">Lists</h2>
        <ul class="card">
          <li>
            Suppression list:{' '}
            {person.suppression ? (
              <>
                {REASON_WORDS[person.suppression.reason as keyof typeof REASON_WORDS] ?? person.suppression.reason}, since{' '}
                <time datetime={person.suppression.createdAt}>{formatDate(person.suppression.createdAt)}</time>
              </>
            ) : (
              'not on it'
            )}
          </li>
          <li>
            Tracking:{' '}
            {person.trackingOptOutAt ? (
              <>
                they asked not to be tracked on <time datetime={person.trackingOptOutAt}>{formatDate(person.trackingOptOutAt)}</time>
              </>
            ) : (
              'they have not asked to stop it'
            )}
          </li>
          {person.erasedAt && (
            <li>
              Erased at their request on <time datetime={person.erasedAt}>{formatDate(person.erasedAt)}</time>; only a keyed hash of the
              address is kept, so it is never imported again.
            </li>
          )}
        </ul>
      </section>
      {person.campaigns.map((campaign, i) => (
        <CampaignSection campaign={campaign} index={i} />
      ))}
    </>
  );
}

function CampaignSection({ campaign, index }: { campaign: PersonCampaign; index: number }) {
  const titleId = `person-campaign-${index}`;
  const fields = Object.entries(campaign.fields);
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Campaign “{campaign.campaignName}”</h2>
      <div class="card">
        <dl>
          <dt>Address as imported</dt>
          <dd class="break-anywhere">{campaign.email}</dd>
          <dt>Added</dt>
          <dd>
            <time datetime={campaign.addedAt}>{formatDate(campaign.addedAt)}</time>
          </dd>
          <dt>State</dt>
          <dd>
            {campaign.status}
            {campaign.statusReason && ` (${campaign.statusReason})`}
          </dd>
          {fields.map(([name, value]) => (
            <>
              <dt class="break-anywhere">{name}</dt>
              <dd class="break-anywhere">{value}</dd>
            </>
          ))}
        </dl>
        <h3>{countOf(campaign.messages.length, 'message', 'messages')}</h3>
        {campaign.messages.length > 0 && (
          <ul>
            {campaign.messages.map((message) => (
              <li>
                {stepWords(message.step)}: {message.status}
                {message.sentAt && (
                  <>
                    , <time datetime={message.sentAt}>{formatDate(message.sentAt)}</time>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>{countOf(campaign.events.length, 'tracking event', 'tracking events')}</h3>
        {campaign.events.length > 0 && (
          <ul>
            {campaign.events.map((event) => (
              <li>
                <time datetime={event.occurredAt}>{formatDate(event.occurredAt)}</time>: {EVENT_WORDS[event.kind] ?? event.kind}
                {event.step !== null && ` (${stepWords(event.step).toLowerCase()})`}
                {event.machine && ', by a mail proxy or link scanner'}
                {event.url && (
                  <>
                    , <span class="break-anywhere">{event.url}</span>
                  </>
                )}
                {event.ipAddress && `, IP address ${event.ipAddress}`}
                {event.userAgent && (
                  <>
                    , browser <span class="break-anywhere">{event.userAgent}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
