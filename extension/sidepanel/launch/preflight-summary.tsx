import type { Preflight } from '../../../shared/schemas/launch';
import { formatCount, formatPlural } from '../format';
import { describePlaces, goToLabel } from './missing-field-place';
import { PreflightWarnings } from './preflight-warnings';

/**
 * What launching would do: who gets the message, who is skipped and why, and what must be fixed.
 * `onEdit(place)` opens the Write tab at a place of `missingFields.places` (or just the tab).
 */
export function PreflightSummary({ preflight, onEdit }: { preflight: Preflight; onEdit(place?: string): void }) {
  const { sendable, skipped, missingFields, blockers } = preflight;
  return (
    <div className="stack" data-testid="preflight">
      <dl className="preflight__numbers">
        <div>
          <dt>Will be sent</dt>
          <dd data-testid="preflight-sendable">{formatCount(sendable)}</dd>
        </div>
        <div>
          <dt>Skipped: unsubscribed or suppressed</dt>
          <dd>{formatCount(skipped.suppressed)}</dd>
        </div>
        <div>
          <dt>Skipped: missing fields</dt>
          <dd data-testid="preflight-missing-count">{formatCount(skipped.missingFields)}</dd>
        </div>
      </dl>
      {blockers.length > 0 && (
        <div className="alert" role="alert" data-testid="preflight-blockers">
          <p className="preflight__blockers-title">Before launching:</p>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker.code + blocker.message}>{blocker.message}</li>
            ))}
          </ul>
          {missingFields.places.length > 0 && (
            // Names where each tag is written: a tag in a link's address is invisible in the editor (issue 14).
            <ul className="preflight__places" data-testid="preflight-missing-places">
              {missingFields.places.map(({ field, places }) => (
                <li key={field}>
                  <strong>{`{{${field}}}`}</strong> is in {describePlaces(places)}
                  {places.length > 0 && (
                    <ul className="preflight__go-to">
                      {places.map((place) => (
                        <li key={place}>
                          <button type="button" className="link-button" onClick={() => onEdit(place)} data-testid="preflight-go-to">
                            {goToLabel(place)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link-button" onClick={() => onEdit()}>
            Edit the campaign
          </button>
        </div>
      )}
      <PreflightWarnings warnings={preflight.warnings} />
      {missingFields.count > 0 && (
        <details className="preflight__missing" data-testid="preflight-missing">
          <summary>
            {formatPlural(missingFields.count, { one: 'recipient', other: 'recipients' })} without {missingFields.fields.join(', ')}
          </summary>
          <ul>
            {missingFields.recipients.map((recipient) => (
              <li key={recipient.id}>
                {recipient.email}: <span className="muted">{recipient.fields.join(', ')}</span>
              </li>
            ))}
            {missingFields.count > missingFields.recipients.length && (
              <li className="muted">and {formatCount(missingFields.count - missingFields.recipients.length)} more</li>
            )}
          </ul>
        </details>
      )}
    </div>
  );
}

