import { useEffect, useId, useState, type ReactNode, type Ref } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { Preview } from '../../../shared/schemas/launch';
import type { MessageError } from '../../messages';
import { isServerOutOfReach } from '../../messages/result-envelope';
import { formatAgo } from '../format';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { PreviewCache, previewDocument } from './preview-document';
import { previewFilesLine } from './files/recipient-files-wording';
import { variantLetter } from './variants/variant-limits';

/** One per panel: switching tabs or campaigns keeps what was rendered. */
const cache = new PreviewCache();

interface PreviewPaneProps {
  campaign: Campaign;
  /** 0: the first message; N: the Nth follow-up. */
  step: number;
  onStep(step: number): void;
  /**
   * The step's A/B variant asked for (0: A), clamped to the step's variants; absent: the one this
   * recipient gets (the server answers which: a launched recipient whose first message was B sees B).
   */
  variant?: number;
  onVariant?(variant: number): void;
  /** The heading takes the focus when a follow-up's "Preview" button is pressed. */
  headingRef?: Ref<HTMLHeadingElement>;
  testSend?: (recipient: string, step: number, variant: number) => ReactNode;
  /** Changes when something the preview shows changed without a new campaign version (its files). */
  refreshKey?: number;
}

type Shown = { preview: Preview; fresh: true } | { preview: Preview; fresh: false; at: Date; older: boolean; why: string };

/**
 * One step's message as one recipient gets it, rendered by the server (`GET /preview`), so what
 * is shown is what will be sent, signature included. Shows the saved version: it refreshes after
 * every save. Offline, the last one rendered, marked as such.
 */
export function PreviewPane({ campaign, step, onStep, variant: asked, onVariant, headingRef, testSend, refreshKey = 0 }: PreviewPaneProps) {
  const [position, setPosition] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<MessageError | null>(null);
  const [loading, setLoading] = useState(true);
  const stepId = useId();
  const variantId = useId();
  const total = campaign.counts.total;
  // The saved campaign's variants of this step (A included); 1: none.
  const variantCount = Math.max(1, (step === 0 ? campaign.variants : campaign.followUps[step - 1]?.variants)?.length ?? 0);
  const chosen = asked === undefined ? undefined : Math.min(asked, variantCount - 1);
  const cacheVariant = chosen ?? 'own';

  useEffect(() => {
    let live = true;
    setLoading(true);
    void sendMessage({ type: 'campaigns/preview', id: campaign.id, recipient: String(position), ...(step > 0 ? { step } : {}), ...(chosen !== undefined ? { variant: chosen } : {}) }).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        cache.put(campaign.id, step, position, { preview: result.value, version: campaign.version, at: new Date() }, cacheVariant);
        setShown({ preview: result.value, fresh: true });
        setError(null);
        return;
      }
      const kept = isServerOutOfReach(result.error) ? cache.get(campaign.id, step, position, cacheVariant) : undefined;
      if (kept) {
        setShown({ preview: kept.preview, fresh: false, at: kept.at, older: kept.version !== campaign.version, why: result.error.message });
        setError(null);
      } else {
        setShown(null);
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [campaign.id, campaign.version, campaign.counts.total, position, step, chosen, refreshKey]);

  const preview = shown?.preview ?? null;
  // The picker starts at the variant the server showed (this recipient's own) until one is picked.
  const variant = chosen ?? Math.min(preview?.step === step ? (preview.variant ?? 0) : 0, variantCount - 1);
  return (
    <section className="stack preview" aria-labelledby="preview-title" data-testid="preview">
      <div className="row row--between">
        <h2 className="section-title" id="preview-title" ref={headingRef} tabIndex={-1}>
          Preview
        </h2>
        {total > 0 && (
          <div className="row" role="group" aria-label="Recipient to preview">
            <button type="button" className="link-button" disabled={position === 0} onClick={() => setPosition(position - 1)} aria-label="Previous recipient">
              ‹
            </button>
            <span className="muted" data-testid="preview-position">
              {position + 1} of {total}
            </span>
            <button type="button" className="link-button" disabled={position + 1 >= total} onClick={() => setPosition(position + 1)} aria-label="Next recipient" data-testid="preview-next">
              ›
            </button>
          </div>
        )}
      </div>
      {campaign.followUps.length > 0 && (
        <div className="row">
          <label className="field__label" htmlFor={stepId}>
            Step
          </label>
          <select id={stepId} className="field__input preview__step" value={step} onChange={(event) => onStep(Number(event.target.value))} data-testid="preview-step">
            <option value={0}>First message</option>
            {campaign.followUps.map((_, index) => (
              <option key={index} value={index + 1}>
                Follow-up {index + 1}
              </option>
            ))}
          </select>
        </div>
      )}
      {variantCount > 1 && (
        <div className="row">
          <label className="field__label" htmlFor={variantId}>
            A/B variant
          </label>
          <select id={variantId} className="field__input preview__step" value={variant} onChange={(event) => onVariant?.(Number(event.target.value))} data-testid="preview-variant">
            {Array.from({ length: variantCount }, (_, index) => (
              <option key={index} value={index}>
                {variantLetter(index)}
              </option>
            ))}
          </select>
        </div>
      )}
      {/* The test goes out as the recipient shown here (issue 14: it always sent recipient 1's version), in the variant shown. */}
      {testSend?.(preview?.recipient?.id ?? String(position), step, variant)}
      {error && <InlineAlert message={error.message} testId="preview-error" />}
      {shown && !shown.fresh && (
        <p className="preview__stale" role="note" data-testid="preview-cached">
          Not fresh: the server cannot be reached, so this is the preview rendered {formatAgo(shown.at.toISOString())}
          {shown.older ? ', from an earlier version of the campaign' : ''}. {shown.why}
        </p>
      )}
      {!preview && loading && <StateMessage kind="loading" title="Rendering…" />}
      {preview && (
        <div className="preview__message" aria-busy={loading}>
          <p className="muted">
            To: <span data-testid="preview-to">{preview.recipient?.email ?? 'no recipient yet (tags left empty)'}</span>
          </p>
          <p className="preview__subject" data-testid="preview-subject">
            {preview.subject || <span className="muted">(no subject)</span>}
          </p>
          {preview.missing.length > 0 && (
            <p className="preview__missing" role="note" data-testid="preview-missing">
              No value for: {preview.missing.map((field) => <mark key={field}>{field}</mark>)}
            </p>
          )}
          {previewFilesLine(preview.attachments, preview.missingFile) && (
            <p className={preview.missingFile ? 'preview__missing' : 'muted'} role={preview.missingFile ? 'note' : undefined} data-testid="preview-files">
              {previewFilesLine(preview.attachments, preview.missingFile)}
            </p>
          )}
          {/* sandbox="": no scripts, no forms, no navigation; the panel's CSP also blocks remote images (no tracking pixel fires). */}
          <iframe className="preview__frame" title="Message preview" sandbox="" srcDoc={previewDocument(preview)} data-testid="preview-frame" />
          <p className="muted preview__signature" data-testid="preview-signature">
            {preview.signature
              ? `With the signature of ${preview.signature.account}${campaign.accountIds.length > 1 ? '; each sending account adds its own' : ''}.`
              : preview.signature === null
                ? campaign.accountIds.length === 0
                  ? 'No sending account picked yet: its signature will follow the message.'
                  : 'The sending account has no signature.'
                : ''}
          </p>
        </div>
      )}
    </section>
  );
}
