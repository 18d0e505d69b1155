import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatCount, formatPlural } from '../format';

const RECIPIENTS = { one: 'recipient', other: 'recipients' };

/** Recipients who got the first message (or answered it). */
function reached(counts: Campaign['counts']): number {
  return counts.sent + counts.replied + counts.bounced + counts.unsubscribed;
}

/**
 * The Launch tab's heading and lead line for a launched campaign, true to its state: a finished or
 * cancelled campaign is final and says so; it never says it can still change (issue 14).
 */
export function progressSummary(campaign: Pick<Campaign, 'status' | 'counts'> & Partial<Pick<Campaign, 'progress'>>): { title: string; lead: string | null } {
  const { counts } = campaign;
  const done = reached(counts);
  // Messages that may have gone out wait for the user's answer: sending one again is still possible.
  const uncertain = campaign.progress?.jobs.uncertain ?? 0;
  switch (campaign.status) {
    case 'completed':
      if (uncertain > 0) {
        return {
          title: 'Finished, but for you to check',
          lead: `Sent to ${formatCount(done)} of ${formatPlural(counts.total, RECIPIENTS)}. ${formatPlural(uncertain, { one: 'message', other: 'messages' })} may have gone out: check the Sent folder, then answer below.`,
        };
      }
      return {
        title: 'Finished',
        lead: `Sent to ${formatCount(done)} of ${formatPlural(counts.total, RECIPIENTS)}. Nothing more will be sent, and nothing about it can change now.`,
      };
    case 'cancelled': {
      const never = Math.max(0, counts.total - done - counts.failed);
      return {
        title: 'Cancelled',
        lead: `Sent to ${formatCount(done)} of ${formatPlural(counts.total, RECIPIENTS)} before it was cancelled; ${formatCount(never)} will never be sent. Nothing about it can change now.`,
      };
    }
    case 'paused':
      return { title: 'Paused', lead: 'Nothing is sent until you resume it.' };
    default:
      return { title: 'Progress', lead: null };
  }
}
