import { useEffect, useState, type ReactNode } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { MessageError } from '../../messages';
import type { Preview } from '../../../shared/schemas/launch';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';

/**
 * The first message as one recipient gets it, rendered by the server (`GET /preview`), so what is
 * shown is exactly what will be sent. Shows the saved version: it refreshes after every save.
 */
export function PreviewPane({ campaign, testSend }: { campaign: Campaign; testSend?: (recipient: string) => ReactNode }) {
  const [position, setPosition] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<MessageError | null>(null);
  const [loading, setLoading] = useState(true);
  const total = campaign.counts.total;

  useEffect(() => {
    let live = true;
    setLoading(true);
    void sendMessage({ type: 'campaigns/preview', id: campaign.id, recipient: String(position) }).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setPreview(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [campaign.id, campaign.version, campaign.counts.total, position]);

  return (
    <section className="stack preview" aria-labelledby="preview-title" data-testid="preview">
      <div className="row row--between">
        <h2 className="section-title" id="preview-title">
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
      {/* The test goes out as the recipient shown here (issue 14: it always sent recipient 1's version). */}
      {testSend?.(preview?.recipient?.id ?? String(position))}
      {error && <InlineAlert message={error.message} testId="preview-error" />}
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
          {/* sandbox="": no scripts, no forms, no navigation; the panel's CSP also blocks remote images (no tracking pixel fires). */}
          <iframe className="preview__frame" title="Message preview" sandbox="" srcDoc={preview.html} data-testid="preview-frame" />
        </div>
      )}
    </section>
  );
}
