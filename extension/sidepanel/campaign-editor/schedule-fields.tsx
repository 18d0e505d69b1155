import { useMemo } from 'react';
import { consentFieldState } from './consent-field-state';
import { ColumnPicker } from './column-picker';
import type { Draft } from './editor-draft';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface ScheduleFieldsProps {
  draft: Draft;
  /** The campaign's imported columns (campaign.fields), for the recipient time zone column. */
  fields: readonly string[];
  disabled: boolean;
  onChange(change: Partial<Draft>): void;
}

/** When to send: start, time zone, weekdays and hours; then the pace (gaps, daily cap). */
export function ScheduleFields({ draft, fields, disabled, onChange }: ScheduleFieldsProps) {
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(draft.timezone) ? all : [draft.timezone, ...all];
  }, [draft.timezone]);

  return (
    <>
      <fieldset className="group" disabled={disabled}>
        <legend>Schedule</legend>
        <div className="field">
          <label className="field__label" htmlFor="schedule-start">
            Start (your local time; empty: as soon as launched)
          </label>
          <input id="schedule-start" className="field__input" type="datetime-local" value={draft.startAt} onChange={(event) => onChange({ startAt: event.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="schedule-timezone">
            Sending hours are in
          </label>
          <select id="schedule-timezone" className="field__input" value={draft.timezone} onChange={(event) => onChange({ timezone: event.target.value })}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        <RecipientZoneField fields={fields} value={draft.recipientTimeZoneField} onChange={(recipientTimeZoneField) => onChange({ recipientTimeZoneField })} />
        <div className="field" role="group" aria-labelledby="schedule-days-label">
          <span className="field__label" id="schedule-days-label">
            Days
          </span>
          <div className="days">
            {DAYS.map((name, index) => {
              const day = index + 1;
              const on = draft.days.includes(day);
              return (
                <label key={name} className="days__day">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => onChange({ days: on ? draft.days.filter((d) => d !== day) : [...draft.days, day] })}
                  />
                  {name}
                </label>
              );
            })}
          </div>
        </div>
        <div className="two-up">
          <div className="field">
            <label className="field__label" htmlFor="schedule-from">
              From
            </label>
            <input id="schedule-from" className="field__input" type="time" value={draft.windowStart} onChange={(event) => onChange({ windowStart: event.target.value })} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="schedule-to">
              Until
            </label>
            <input id="schedule-to" className="field__input" type="time" value={draft.windowEnd === '24:00' ? '23:59' : draft.windowEnd} onChange={(event) => onChange({ windowEnd: event.target.value })} />
          </div>
        </div>
      </fieldset>
      <fieldset className="group" disabled={disabled}>
        <legend>Pace</legend>
        <div className="two-up">
          <NumberField id="gap-min" label="Shortest gap (s)" value={draft.minGapSeconds} onChange={(minGapSeconds) => onChange({ minGapSeconds })} />
          <NumberField id="gap-max" label="Longest gap (s)" value={draft.maxGapSeconds} onChange={(maxGapSeconds) => onChange({ maxGapSeconds })} />
        </div>
        <NumberField id="daily-cap" label="At most per day (empty: the accounts' own limits)" value={draft.dailyCap} onChange={(dailyCap) => onChange({ dailyCap })} />
      </fieldset>
    </>
  );
}

function NumberField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange(value: string): void }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="field__input" type="number" inputMode="numeric" min={0} step={1} value={value} onChange={(event) => onChange(event.target.value)} data-testid={id} />
    </div>
  );
}

/**
 * "Send in each recipient's time zone" (issue 18): the column holding each one's zone, or none. The
 * server matches it as merge tags match fields, like the consent column (consent-field-state.ts).
 */
function RecipientZoneField({ fields, value, onChange }: { fields: readonly string[]; value: string | null; onChange(value: string | null): void }) {
  const state = consentFieldState(fields, value);
  const hint =
    state.kind === 'missing'
      ? `“${value}” is not among this campaign's imported columns: everyone gets the hours in the zone above.`
      : state.kind === 'everyone'
        ? state.columns ? 'Or pick a column holding a zone (Europe/Madrid) or an offset (+02:00).' : 'Import recipients with a time zone column to choose it.'
        : 'The days and hours above, in each recipient’s zone; a missing or unknown value uses the zone above.';
  return (
    <ColumnPicker
      id="schedule-recipient-zone"
      label="Send in each recipient’s time zone, from column"
      noneLabel="None: everyone in the zone above"
      fields={fields}
      selected={state.kind === 'column' ? state.column : (value ?? '')}
      missing={state.kind === 'missing' ? value : null}
      hint={hint}
      onChange={onChange}
      testId="schedule-recipient-zone"
    />
  );
}
