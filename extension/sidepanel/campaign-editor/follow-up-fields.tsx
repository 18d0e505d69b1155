import { FOLLOW_UP_CONDITIONS } from '../../../shared/schemas/campaigns';
import type { Draft, FollowUpCondition } from './editor-draft';

const CONDITIONS: Record<FollowUpCondition, string> = {
  no_reply: 'if no reply',
  no_open: 'if not opened',
  no_click: 'if no click',
  always: 'always',
};

interface FollowUpFieldsProps {
  followUps: Draft['followUps'];
  /** Steps before this index have started sending and are locked (see editability.ts). */
  lockedBefore: number;
  disabled: boolean;
  onChange(followUps: Draft['followUps']): void;
}

/** Follow-ups sent in the same thread: delay, condition and message for each step. */
export function FollowUpFields({ followUps, lockedBefore, disabled, onChange }: FollowUpFieldsProps) {
  const update = (index: number, change: Partial<Draft['followUps'][number]>) =>
    onChange(followUps.map((step, i) => (i === index ? { ...step, ...change } : step)));

  return (
    <fieldset className="group" disabled={disabled} data-testid="follow-ups">
      <legend>Follow-ups</legend>
      {followUps.length === 0 && <p className="muted">None. A short nudge after a few days often doubles replies.</p>}
      {followUps.map((step, index) => {
        const locked = index < lockedBefore;
        return (
          <fieldset key={index} className="follow-up" disabled={locked}>
            <legend className="muted">
              Follow-up {index + 1}
              {locked ? ' (sending, locked)' : ''}
            </legend>
            <div className="row">
              <label className="muted" htmlFor={`fu-delay-${index}`}>
                After
              </label>
              <input
                id={`fu-delay-${index}`}
                className="field__input follow-up__delay"
                type="number"
                min={0}
                value={step.delayHours}
                onChange={(event) => update(index, { delayHours: event.target.value })}
              />
              <span className="muted">hours,</span>
              <label className="visually-hidden" htmlFor={`fu-condition-${index}`}>
                Condition
              </label>
              <select
                id={`fu-condition-${index}`}
                className="field__input follow-up__condition"
                value={step.condition}
                onChange={(event) => {
                  const condition = FOLLOW_UP_CONDITIONS.find((value) => value === event.target.value);
                  if (condition) update(index, { condition });
                }}
              >
                {Object.entries(CONDITIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <label className="visually-hidden" htmlFor={`fu-body-${index}`}>
              Follow-up {index + 1} message (HTML)
            </label>
            <textarea
              id={`fu-body-${index}`}
              className="field__input follow-up__body"
              placeholder="<p>Just checking this reached you…</p>"
              value={step.html}
              onChange={(event) => update(index, { html: event.target.value })}
            />
            {!locked && (
              <button type="button" className="link-button" onClick={() => onChange(followUps.filter((_, i) => i !== index))}>
                Remove follow-up {index + 1}
              </button>
            )}
          </fieldset>
        );
      })}
      {followUps.length < 10 && (
        <button type="button" className="link-button" onClick={() => onChange([...followUps, { delayHours: '72', condition: 'no_reply', html: '' }])} data-testid="follow-up-add">
          + Add a follow-up
        </button>
      )}
    </fieldset>
  );
}
