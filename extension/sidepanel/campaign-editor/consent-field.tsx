import { CONSENT_YES_VALUES } from '../../../shared/lib/tracking-consent';
import { consentFieldState } from './consent-field-state';

interface ConsentFieldProps {
  /** The campaign's imported columns (campaign.fields). */
  fields: readonly string[];
  value: string | null;
  onChange(value: string | null): void;
}

const YES_LIST = CONSENT_YES_VALUES.join(', ');

/**
 * "Track only recipients who consented" (issue 16, CNIL's 2026-04-14 recommendation on pixels): the
 * column whose yes allows the pixel and tracked links for a recipient, or everyone. Disabled with
 * the tracking fieldset around it once the campaign can no longer change.
 */
export function ConsentField({ fields, value, onChange }: ConsentFieldProps) {
  const state = consentFieldState(fields, value);
  const hint =
    state.kind === 'missing'
      ? `“${value}” is not among this campaign's imported columns: no recipient has it, so no one will be tracked.`
      : state.kind === 'everyone' && !state.columns
        ? 'Import recipients with a consent column to choose it.'
        : `Tracked only where that column says ${YES_LIST} (any case); the others get the same message with no pixel and their links untouched.`;
  return (
    <div className="field">
      <label className="field__label" htmlFor="tracking-consent">
        Track only recipients who consented
      </label>
      <select
        id="tracking-consent"
        className="field__input"
        value={state.kind === 'column' ? state.column : (value ?? '')}
        aria-describedby="tracking-consent-hint"
        aria-invalid={state.kind === 'missing' || undefined}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        data-testid="tracking-consent"
      >
        <option value="">Everyone (no consent column)</option>
        {state.kind === 'missing' && value !== null && <option value={value}>{`${value} (missing)`}</option>}
        {fields.map((field) => (
          <option key={field} value={field}>
            {field}
          </option>
        ))}
      </select>
      <p className="field__hint" id="tracking-consent-hint" data-testid="tracking-consent-hint">
        {hint}
      </p>
    </div>
  );
}
