import { useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { UncertainMessage, UncertainOutcome } from '../../../shared/schemas/uncertain-messages';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { SEND_AGAIN_CONFIRM, UNCERTAIN_ACTIONS, uncertainHeading } from './uncertain-actions';

/**
 * Messages that may have gone out from an account that cannot read its mailbox: each asks the user
 * to check the Sent folder, and here they answer: found it, send it again (confirmed: it may arrive
 * twice), or skip. The campaign comes back refreshed after each answer.
 */
export function UncertainMessages({ campaign, onChange }: { campaign: Campaign; onChange(campaign: Campaign): void }) {
  const listed = campaign.progress?.uncertainMessages ?? [];
  if (listed.length === 0) return null;
  const { title, more } = uncertainHeading(campaign.progress?.jobs.uncertain ?? listed.length, listed.length);
  return (
    <section className="stack" aria-labelledby="uncertain-title" data-testid="uncertain-messages">
      <h3 className="section-title" id="uncertain-title">
        {title}
      </h3>
      <ul className="stack uncertain-list">
        {listed.map((message) => (
          <UncertainItem key={message.jobId} campaignId={campaign.id} cancelled={campaign.status === 'cancelled'} message={message} onChange={onChange} />
        ))}
      </ul>
      {more && <p className="muted">{more}</p>}
    </section>
  );
}

function UncertainItem({ campaignId, cancelled, message, onChange }: { campaignId: string; cancelled: boolean; message: UncertainMessage; onChange(campaign: Campaign): void }) {
  const [busy, setBusy] = useState<UncertainOutcome | null>(null);
  const [confirmAgain, setConfirmAgain] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = message.step === 0 ? 'first message' : `follow-up ${message.step}`;

  async function resolve(outcome: UncertainOutcome) {
    setBusy(outcome);
    setError(null);
    const result = await sendMessage({ type: 'campaigns/resolve-message', id: campaignId, jobId: message.jobId, outcome });
    setBusy(null);
    setConfirmAgain(false);
    if (!result.ok) return setError(result.error.message);
    onChange(result.value);
  }

  return (
    <li className="stack" data-testid="uncertain-message" aria-label={`${message.recipient}, ${step}`}>
      <p>
        <strong>{message.recipient}</strong> ({step}): {message.reason}
      </p>
      {error && <InlineAlert message={error} testId="uncertain-error" />}
      <div className="controls">
        {/* A cancelled campaign sends nothing more: only what happened can be said. */}
        {UNCERTAIN_ACTIONS.filter((action) => !(cancelled && action.outcome === 'send-again')).map((action) => (
          <Button
            key={action.outcome}
            type="button"
            variant="secondary"
            busy={busy === action.outcome}
            busyLabel={action.busyLabel}
            disabled={busy !== null}
            onClick={() => (action.outcome === 'send-again' ? setConfirmAgain(true) : void resolve(action.outcome))}
            data-testid={`uncertain-${action.outcome}`}
          >
            {action.label}
          </Button>
        ))}
      </div>
      {confirmAgain && (
        <div className="alert" role="alertdialog" aria-label="Send it again?">
          <p>{SEND_AGAIN_CONFIRM}</p>
          <div className="row">
            <button type="button" className="link-button" disabled={busy !== null} onClick={() => void resolve('send-again')} data-testid="uncertain-send-again-confirm">
              Yes, send it again
            </button>
            <button type="button" className="link-button" autoFocus onClick={() => setConfirmAgain(false)}>
              Don’t send
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
