import { CONSENT_YES_VALUES } from '../../../shared/lib/tracking-consent';
import { ColumnPicker } from './column-picker';
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
    <ColumnPicker
      id="tracking-consent"
      label="Track only recipients who consented"
      noneLabel="Everyone (no consent column)"
      fields={fields}
      selected={state.kind === 'column' ? state.column : (value ?? '')}
      missing={state.kind === 'missing' ? value : null}
      hint={hint}
      onChange={onChange}
      testId="tracking-consent"
      hintTestId="tracking-consent-hint"
    />
  );
}
