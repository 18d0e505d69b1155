import { useRef, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { CampaignTab } from '../campaign/campaign-screen';
import { WaitingLine } from '../campaign/waiting-line';
import { formatCount, formatPlural, formatRate } from '../format';
import { ProgressBar } from '../ui/progress-bar';
import { StatusBadge } from '../ui/status-badge';
import { deleteWarning, duplicateWithLabel, reachedCount } from './campaign-action-words';
import { InlineDialog } from '../ui/inline-dialog';

interface CampaignRowProps {
  campaign: Campaign;
  onOpen(tab?: CampaignTab): void;
  onDuplicate(withRecipients: boolean): Promise<void>;
  onDelete(): Promise<void>;
}

type Asking = 'delete' | 'duplicate' | null;

/** One campaign in the list: name, status, progress, replies first; duplicate (with or without recipients) and delete (asked first). */
export function CampaignRow({ campaign, onOpen, onDuplicate, onDelete }: CampaignRowProps) {
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const duplicateRef = useRef<HTMLButtonElement>(null);
  const { counts } = campaign;
  const reached = reachedCount(counts);
  const waiting = campaign.progress?.waiting ?? null;

  const run = (action: () => Promise<void>) => {
    setBusy(true);
    void action().finally(() => {
      setBusy(false);
      setAsking(null);
    });
  };
  // Closing a question puts the focus back on the button that asked it.
  const dismiss = () => {
    const trigger = asking === 'delete' ? deleteRef : duplicateRef;
    setAsking(null);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  // Nothing to choose for a campaign without recipients: copy it as it is.
  const duplicate = () => (counts.total > 0 ? setAsking('duplicate') : run(() => onDuplicate(false)));
  const warning = deleteWarning(campaign);

  return (
    <li className="campaign-row" data-testid="campaign-row" data-campaign-id={campaign.id}>
      <div className="row row--between campaign-row__head">
        <button type="button" className="campaign-row__name" onClick={() => onOpen()} data-testid="campaign-open">
          {campaign.name}
        </button>
        <StatusBadge status={campaign.status} waiting={waiting} />
      </div>
      {waiting && (
        // Launched but sending nothing now: say why and until when, not only "0 of 292 sent" (issue 14).
        <WaitingLine waiting={waiting} timeZone={campaign.schedule.timezone} />
      )}
      <ProgressBar value={reached} max={counts.total} label={`${formatCount(reached)} of ${formatCount(counts.total)} sent`} />
      <p className="campaign-row__numbers muted">
        <span>
          {formatCount(reached)} of {formatCount(counts.total)} sent
        </span>
        <span data-testid="campaign-row-replies">
          {formatPlural(counts.replied, { one: 'reply', other: 'replies' })}
          {reached > 0 ? ` (${formatRate(counts.replied / reached)})` : ''}
        </span>
        {counts.bounced > 0 && <span>{formatCount(counts.bounced)} bounced</span>}
      </p>
      {asking === 'delete' && (
        <InlineDialog
          title={warning.title}
          tone="danger"
          onCancel={dismiss}
          testId="campaign-delete-dialog"
          actions={
            <>
              <button type="button" className="link-button campaign-row__danger" disabled={busy} onClick={() => run(onDelete)} data-testid="campaign-delete-confirm">
                {campaign.status === 'sending' || campaign.status === 'scheduled' || campaign.status === 'paused' ? 'Stop and delete' : 'Delete'}
              </button>
              <button type="button" className="link-button" onClick={dismiss} data-autofocus data-testid="campaign-delete-keep">
                Keep it
              </button>
            </>
          }
        >
          <p>{warning.body}</p>
        </InlineDialog>
      )}
      {asking === 'duplicate' && (
        <InlineDialog
          title={`Duplicate ${campaign.name}`}
          onCancel={dismiss}
          testId="campaign-duplicate-dialog"
          actions={
            <>
              <button type="button" className="link-button" disabled={busy} onClick={() => run(() => onDuplicate(true))} data-autofocus data-testid="campaign-duplicate-with">
                {duplicateWithLabel(counts.total)}
              </button>
              <button type="button" className="link-button" disabled={busy} onClick={() => run(() => onDuplicate(false))} data-testid="campaign-duplicate-without">
                Without recipients
              </button>
              <button type="button" className="link-button" onClick={dismiss}>
                Cancel
              </button>
            </>
          }
        >
          <p>The copy is a new draft. Recipients come as new, unsent, without their history; unsubscribed and bounced addresses stay out.</p>
        </InlineDialog>
      )}
      {asking === null && (
        <div className="row campaign-row__actions">
          <button type="button" className="link-button" onClick={() => onOpen('analytics')} disabled={campaign.status === 'draft'}>
            Analytics
          </button>
          <button ref={duplicateRef} type="button" className="link-button" disabled={busy} onClick={duplicate} data-testid="campaign-duplicate">
            Duplicate
          </button>
          <button ref={deleteRef} type="button" className="link-button" onClick={() => setAsking('delete')} data-testid="campaign-delete">
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
