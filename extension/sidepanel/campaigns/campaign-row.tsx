import { useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { CampaignTab } from '../campaign/campaign-screen';
import { formatCount, formatRate, formatWaiting } from '../format';
import { ProgressBar } from '../ui/progress-bar';
import { StatusBadge } from '../ui/status-badge';

interface CampaignRowProps {
  campaign: Campaign;
  onOpen(tab?: CampaignTab): void;
  onDuplicate(): Promise<void>;
  onDelete(): Promise<void>;
}

/** One campaign in the list: name, status, progress, replies first; duplicate and delete (confirmed). */
export function CampaignRow({ campaign, onOpen, onDuplicate, onDelete }: CampaignRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const { counts } = campaign;
  const reached = counts.sent + counts.replied + counts.bounced + counts.unsubscribed;
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };

  return (
    <li className="campaign-row" data-testid="campaign-row" data-campaign-id={campaign.id}>
      <div className="row row--between campaign-row__head">
        <button type="button" className="campaign-row__name" onClick={() => onOpen()} data-testid="campaign-open">
          {campaign.name}
        </button>
        <StatusBadge status={campaign.status} />
      </div>
      {campaign.progress?.waiting && (
        // Launched but sending nothing now: say why and until when, not only "0 of 292 sent" (issue 14).
        <p className="campaign-row__waiting" data-testid="campaign-waiting">
          {formatWaiting(campaign.progress.waiting, campaign.schedule.timezone)}
        </p>
      )}
      <ProgressBar value={reached} max={counts.total} label={`${formatCount(reached)} of ${formatCount(counts.total)} sent`} />
      <p className="campaign-row__numbers muted">
        <span>{formatCount(reached)}/{formatCount(counts.total)} sent</span>
        <span>
          <strong>{formatCount(counts.replied)}</strong> replies{reached > 0 ? ` (${formatRate(counts.replied / reached)})` : ''}
        </span>
        {counts.bounced > 0 && <span>{formatCount(counts.bounced)} bounced</span>}
      </p>
      {confirming ? (
        <div className="row campaign-row__confirm" role="group" aria-label={`Delete ${campaign.name}?`}>
          <span className="muted">Delete “{campaign.name}” and its recipients?</span>
          <button type="button" className="link-button campaign-row__danger" disabled={busy} onClick={() => run(onDelete)} data-testid="campaign-delete-confirm">
            Delete
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </button>
        </div>
      ) : (
        <div className="row campaign-row__actions">
          <button type="button" className="link-button" onClick={() => onOpen('analytics')} disabled={campaign.status === 'draft'}>
            Analytics
          </button>
          <button type="button" className="link-button" disabled={busy} onClick={() => run(onDuplicate)} data-testid="campaign-duplicate">
            Duplicate
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(true)} data-testid="campaign-delete">
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
