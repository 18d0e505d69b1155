import { useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';

type Action = 'pause' | 'resume' | 'cancel';

/** Pause, resume and cancel (confirmed: cancelling cannot be undone). */
export function CampaignControls({ campaign, onChange }: { campaign: Campaign; onChange(campaign: Campaign): void }) {
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = campaign.status === 'sending' || campaign.status === 'scheduled' || campaign.status === 'paused';
  if (!live) return null;

  async function run(action: Action) {
    setBusy(action);
    setError(null);
    const result = await sendMessage({ type: 'campaigns/control', id: campaign.id, action });
    setBusy(null);
    setConfirmCancel(false);
    if (!result.ok) return setError(result.error.message);
    onChange(result.value);
  }

  return (
    <div className="stack" data-testid="campaign-controls">
      {error && <InlineAlert message={error} testId="control-error" />}
      <div className="controls">
        {campaign.status === 'paused' ? (
          <Button type="button" variant="primary" busy={busy === 'resume'} busyLabel="Resuming…" onClick={() => void run('resume')} data-testid="resume-button">
            Resume
          </Button>
        ) : (
          <Button type="button" variant="secondary" busy={busy === 'pause'} busyLabel="Pausing…" onClick={() => void run('pause')} data-testid="pause-button">
            Pause
          </Button>
        )}
        {!confirmCancel && (
          <Button type="button" variant="secondary" onClick={() => setConfirmCancel(true)} data-testid="cancel-button">
            Cancel campaign
          </Button>
        )}
      </div>
      {confirmCancel && (
        <div className="alert" role="alertdialog" aria-label="Cancel the campaign?">
          <p>Cancel for good? Messages not yet sent will never go out. This cannot be undone.</p>
          <div className="row">
            <button type="button" className="link-button" disabled={busy !== null} onClick={() => void run('cancel')} data-testid="cancel-confirm">
              Yes, cancel it
            </button>
            <button type="button" className="link-button" autoFocus onClick={() => setConfirmCancel(false)}>
              Keep sending
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
