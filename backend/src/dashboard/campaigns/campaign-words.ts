import type { Campaign } from '../../../../shared/schemas/campaigns';
import { countOf } from '../lib/count-of';

/** A campaign's state in the user's words, as the panel says it. */
export const STATUS_WORDS: Record<Campaign['status'], string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** "1 recipient", "50,000 recipients". */
export function recipientCount(n: number): string {
  return countOf(n, 'recipient', 'recipients');
}

/** The recipients CSV export (`GET /api/campaigns/:id/recipients.csv`), which the session cookie may read. */
export function recipientsCsvPath(id: string): string {
  return `/api/campaigns/${encodeURIComponent(id)}/recipients.csv`;
}

/** The campaign's own page: its figures and A/B variants. */
export function campaignPath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}`;
}

export function deletePath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}/delete`;
}
