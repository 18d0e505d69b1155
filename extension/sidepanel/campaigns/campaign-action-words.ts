import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatCount, formatPlural } from '../format';

const RECIPIENTS = { one: 'recipient', other: 'recipients' };

/** Recipients who got the first message (or answered it): what "sent" means in the list. */
export function reachedCount(counts: Campaign['counts']): number {
  return counts.sent + counts.replied + counts.bounced + counts.unsubscribed;
}

/**
 * What deleting `campaign` would do, said before it happens. A campaign still going out says so
 * and how far it got (issue 14: deleting a campaign that is sending asks first and says so).
 */
export function deleteWarning(campaign: Pick<Campaign, 'name' | 'status' | 'counts'>): { title: string; body: string } {
  const { name, status, counts } = campaign;
  const title = `Delete ${name}?`;
  const progress = `${formatCount(reachedCount(counts))} of ${formatCount(counts.total)} sent`;
  switch (status) {
    case 'sending':
    case 'scheduled':
      return { title, body: `${name} is ${status}: ${progress}. Deleting stops it and removes its recipients and stats.` };
    case 'paused':
      return { title, body: `${name} is paused: ${progress}. Deleting stops it for good and removes its recipients and stats.` };
    case 'completed':
    case 'cancelled':
      return { title, body: `This removes its ${formatPlural(counts.total, RECIPIENTS)} and their stats. It cannot be undone.` };
    case 'draft':
      return { title, body: counts.total > 0 ? `This removes the draft and its ${formatPlural(counts.total, RECIPIENTS)}.` : 'This removes the draft.' };
  }
}

/** What a duplicate did, from the copy the server answered: "Copied Spring with 300 recipients". */
export function duplicateResult(originalName: string, copy: Pick<Campaign, 'counts'>, withRecipients: boolean): string {
  return withRecipients && copy.counts.total > 0
    ? `Copied ${originalName} with ${formatPlural(copy.counts.total, RECIPIENTS)}`
    : `Copied ${originalName} without recipients`;
}

/** The choice "with recipients" names how many would be copied. */
export function duplicateWithLabel(total: number): string {
  return `With its ${formatPlural(total, RECIPIENTS)}`;
}
