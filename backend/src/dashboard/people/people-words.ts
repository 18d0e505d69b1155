import type { Person } from '../../../../shared/schemas/people';

/** `/people?email=`: the "Find a person" page showing what is held about this address. */
export function findPath(email: string): string {
  return `/people?email=${encodeURIComponent(email)}`;
}

/** `/people/erase?email=`: the confirmation before an erasure. */
export function erasePath(email: string): string {
  return `/people/erase?email=${encodeURIComponent(email)}`;
}

/** The JSON of `GET /api/people/:email` (an attachment), which the session cookie may read. */
export function downloadPath(email: string): string {
  return `/api/people/${encodeURIComponent(email)}`;
}

/** Whether anything is held at all: a campaign, a suppression or a tracking opt-out (an erasure leaves only its hash). */
export function holdsAnything(person: Person): boolean {
  return person.campaigns.length > 0 || person.suppression !== null || person.trackingOptOutAt !== null;
}

export const EVENT_WORDS: Record<string, string> = {
  open: 'Opened',
  click: 'Clicked a link',
  reply: 'Replied',
  auto_reply: 'Automatic reply',
  bounce: 'Bounced',
  soft_bounce: 'Temporary bounce',
  unsubscribe: 'Unsubscribed',
};

