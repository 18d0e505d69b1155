import type { CampaignStatus } from '../../../shared/schemas/campaigns';

/**
 * What the editor says about what can still change, true for each state (issue 14: a cancelled
 * campaign said "Launched: … can change"). The rule itself is shared/schemas/campaign-editability.ts.
 *
 * @example launchedNotice('cancelled') // 'Cancelled: nothing can change now but the name.'
 */
export function launchedNotice(status: CampaignStatus): string | null {
  switch (status) {
    case 'draft':
      return null;
    case 'completed':
      return 'Finished: nothing can change now but the name.';
    case 'cancelled':
      return 'Cancelled: nothing can change now but the name.';
    case 'scheduled':
    case 'sending':
    case 'paused':
      return 'Launched: the subject, message, senders and tracking are fixed now; the name, schedule, pace and follow-ups not yet started can change.';
  }
}

/** The hint beside a field that cannot change in this state. */
export function fixedHint(status: CampaignStatus): string {
  return status === 'completed' || status === 'cancelled' ? `Fixed: the campaign is ${status === 'completed' ? 'finished' : 'cancelled'}.` : 'Fixed after launch.';
}
