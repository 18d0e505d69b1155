import type { CampaignStatus, CampaignWaiting } from '../../../shared/schemas/campaigns';
import './status-badge.css';

const LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/**
 * A campaign's status as a coloured pill; the word is always written, colour is never the only cue.
 * A sending campaign that can send nothing now says "Waiting", not "Sending" (issue 14): the
 * waiting line beside it says why and until when.
 */
export function StatusBadge({ status, waiting }: { status: CampaignStatus; waiting?: CampaignWaiting | null }) {
  const isWaiting = status === 'sending' && !!waiting;
  return (
    <span
      className={`status-badge status-badge--${isWaiting ? 'waiting' : status}`}
      data-testid="status-badge"
      data-status={status}
      data-waiting={isWaiting ? waiting.reason : undefined}
    >
      {isWaiting ? 'Waiting' : LABELS[status]}
    </span>
  );
}
