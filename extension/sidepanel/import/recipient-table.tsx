import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatAgo, formatCount } from '../format';
import { saveTextFile } from '../save-text-file';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { isFiltered, matchCountText, NO_FILTER, STATE_FILTERS, stateLabel, type RecipientFilter } from './recipient-filter';
import { useRecipientPages } from './use-recipient-pages';

/** Each row's height in px; fixed so the visible slice can be computed from the scroll offset. */
const ROW_HEIGHT = 36;
const VIEWPORT_HEIGHT = 360;
const OVERSCAN = 8;

/**
 * The campaign's recipients and each one's state, with a search (address or any field), a state
 * filter and the CSV export. The rows remount per filter, so pages of one search never mix with another's.
 */
export function RecipientTable({ campaign }: { campaign: Campaign }) {
  const [filter, setFilter] = useState<RecipientFilter>(NO_FILTER);
  const [typed, setTyped] = useState('');
  const searchId = useId();
  const stateId = useId();

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter({ ...filter, q: typed });
  }

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
      {campaign.counts.total > 0 && (
        <>
          <form role="search" aria-label="Recipients" className="recipient-filter" onSubmit={search} data-testid="recipient-search">
            <div className="field recipient-filter__search">
              <label className="field__label" htmlFor={searchId}>
                Search
              </label>
              <input
                id={searchId}
                type="search"
                className="field__input"
                placeholder="Address or any field"
                maxLength={200}
                value={typed}
                onChange={(event) => {
                  setTyped(event.target.value);
                  // Clearing the box shows everyone again without another click.
                  if (event.target.value === '' && filter.q !== '') setFilter({ ...filter, q: '' });
                }}
                data-testid="recipient-search-input"
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor={stateId}>
                State
              </label>
              <select
                id={stateId}
                className="field__input"
                value={filter.status}
                onChange={(event) => setFilter({ q: typed, status: event.target.value as RecipientFilter['status'] })}
                data-testid="recipient-state-filter"
              >
                {STATE_FILTERS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            <Button variant="secondary" type="submit">
              Search
            </Button>
          </form>
          <ExportCsv campaign={campaign} />
        </>
      )}
      <RecipientRows key={`${filter.status}\u0000${filter.q.trim()}`} campaign={campaign} filter={filter} />
    </section>
  );
}

/** "Export CSV": the server's export (`GET …/recipients.csv`) through the background, saved as a file. */
function ExportCsv({ campaign }: { campaign: Campaign }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function exportCsv() {
    setBusy(true);
    const file = await sendMessage({ type: 'recipients/export-csv', campaignId: campaign.id });
    setBusy(false);
    if (!file.ok) return setError(file.error.message);
    setError(null);
    saveTextFile(file.value.filename, file.value.csv, 'text/csv;charset=utf-8');
  }
  return (
    <div className="row">
      <Button variant="secondary" type="button" busy={busy} busyLabel="Preparing the CSV…" onClick={() => void exportCsv()} data-testid="recipients-export-csv">
        Export CSV
      </Button>
      <span className="muted">Every recipient with their fields and state.</span>
      {error && <InlineAlert message={error} testId="recipients-export-error" />}
    </div>
  );
}

function RecipientRows({ campaign, filter }: { campaign: Campaign; filter: RecipientFilter }) {
  const filtered = isFiltered(filter);
  const { total, rowAt, error, loading, ensure, cachedAt } = useRecipientPages(campaign.id, filter, filtered ? null : campaign.counts.total);
  const [scrollTop, setScrollTop] = useState(0);
  // The server counts the (filtered) list with its first page, so the scrollbar is true from the start
  // and dragging it to the end shows the last rows: only the pages on screen are fetched.
  const rows = total ?? 0;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const field = campaign.fields[0];

  useEffect(() => ensure(first, last), [first, last, ensure]);

  return (
    <>
      {error && <InlineAlert message={error} testId="recipients-error" />}
      {cachedAt && (
        <p className="muted" role="status" data-testid="recipients-offline">
          The server cannot be reached: showing the recipients saved on this device (updated {formatAgo(cachedAt)}).
        </p>
      )}
      {filtered && total !== null && (
        <p className="muted" role="status" data-testid="recipients-matches">
          {matchCountText(total)}
        </p>
      )}
      {total === null && loading && <StateMessage kind="loading" title={filtered ? 'Searching…' : 'Loading recipients…'} />}
      {total === 0 && !filtered && <StateMessage kind="empty" title="No recipients yet" testId="recipients-empty" />}
      {rows > 0 && (
        <div
          className="vtable"
          role="table"
          aria-label="Recipients"
          aria-rowcount={rows + 1}
          tabIndex={0}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          data-testid="recipient-table"
        >
          <div role="rowgroup">
            <div className="vtable__row vtable__head" role="row">
              <span role="columnheader">Email</span>
              {field && (
                <span role="columnheader" title={field}>
                  {field}
                </span>
              )}
              <span role="columnheader">State</span>
            </div>
          </div>
          {/* Sized to every row, so the scrollbar is true; positions are set through CSSOM (allowed by our CSP). */}
          <div role="rowgroup" className="vtable__body" style={{ height: rows * ROW_HEIGHT }}>
            {Array.from({ length: Math.max(0, last - first) }, (_, offset) => {
              const index = first + offset;
              const recipient = rowAt(index);
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
                      {/* Long addresses end in an ellipsis, never broken mid-word; the whole one is the title. */}
                      <span role="cell" className="vtable__email" title={recipient.email}>
                        {recipient.email}
                      </span>
                      {field && (
                        <span role="cell" title={recipient.fields[field] ?? ''}>
                          {recipient.fields[field] ?? ''}
                        </span>
                      )}
                      <span role="cell" className={`vtable__state vtable__state--${recipient.status}`} title={recipient.statusReason ?? undefined}>
                        {stateLabel(recipient.status)}
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
    </>
  );
}
