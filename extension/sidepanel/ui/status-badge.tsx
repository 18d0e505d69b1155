import type { CampaignStatus } from '../../../shared/schemas/campaigns';
import './status-badge.css';

const LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** A campaign's status as a coloured pill; the word is always written, colour is never the only cue. */
export function StatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="status-badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
