import { useEffect, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatAgo, formatCount } from '../format';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { useRecipientPages } from './use-recipient-pages';

/** Each row's height in px; fixed so the visible slice can be computed from the scroll offset. */
const ROW_HEIGHT = 36;
const VIEWPORT_HEIGHT = 360;
const OVERSCAN = 8;

/**
 * The campaign's recipients and each one's state. Virtualised: only the rows in view (plus a few)
 * are in the DOM, so 100,000 recipients scroll as smoothly as 10. Pages load as the user scrolls.
 */
export function RecipientTable({ campaign }: { campaign: Campaign }) {
  const { rows, done, error, loading, ensure, cachedAt } = useRecipientPages(campaign.id);
  const [scrollTop, setScrollTop] = useState(0);
  const total = Math.max(rows.length, done ? rows.length : campaign.counts.total);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const field = campaign.fields[0];

  useEffect(() => ensure(last), [last, ensure]);

  return (
    <section className="stack" aria-labelledby="recipients-title">
      <div className="row row--between">
        <h2 className="section-title" id="recipients-title">
          Recipients
        </h2>
        <span className="muted" data-testid="recipient-count">
          {formatCount(campaign.counts.total)}
        </span>
      </div>
      {error && <InlineAlert message={error} testId="recipients-error" />}
      {cachedAt && (
        <p className="muted" role="status" data-testid="recipients-offline">
          The server cannot be reached: showing the recipients saved on this device (updated {formatAgo(cachedAt)}).
        </p>
      )}
      {rows.length === 0 && loading && <StateMessage kind="loading" title="Loading recipients…" />}
      {rows.length === 0 && done && <StateMessage kind="empty" title="No recipients yet" testId="recipients-empty" />}
      {rows.length > 0 && (
        <div
          className="vtable"
          role="table"
          aria-label="Recipients"
          aria-rowcount={total}
          tabIndex={0}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          data-testid="recipient-table"
        >
          <div role="rowgroup">
            <div className="vtable__row vtable__head" role="row">
              <span role="columnheader">Email</span>
              {field && <span role="columnheader">{field}</span>}
              <span role="columnheader">State</span>
            </div>
          </div>
          {/* Sized to every row, so the scrollbar is true; positions are set through CSSOM (allowed by our CSP). */}
          <div role="rowgroup" className="vtable__body" style={{ height: total * ROW_HEIGHT }}>
            {Array.from({ length: Math.max(0, last - first) }, (_, offset) => {
              const index = first + offset;
              const recipient = rows[index];
              return (
                <div
                  key={index}
                  role="row"
                  aria-rowindex={index + 2}
                  className="vtable__row"
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                  data-testid="recipient-row"
                >
                  {recipient ? (
                    <>
                      <span role="cell" className="vtable__email">
                        {recipient.email}
                      </span>
                      {field && <span role="cell">{recipient.fields[field] ?? ''}</span>}
                      <span role="cell" className={`vtable__state vtable__state--${recipient.status}`} title={recipient.statusReason ?? undefined}>
                        {recipient.status}
                      </span>
                    </>
                  ) : (
                    <span role="cell" className="muted">
                      Loading…
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
