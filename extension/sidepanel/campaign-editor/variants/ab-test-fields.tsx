import { useId } from 'react';
import { SwitchField } from '../../ui/switch-field';
import { DEFAULT_AB_TEST, type AbTestDraft } from './variant-draft';
import { abTestSentence } from './ab-test-sentence';

interface AbTestFieldsProps {
  /** The first message's variants, A included (2 or more). */
  count: number;
  value: AbTestDraft | null;
  disabled: boolean;
  onChange(value: AbTestDraft | null): void;
}

/**
 * "Pick a winner" for the first message's variants (issue 18): off, every recipient split evenly;
 * on, a test share first and the variant with more replies (or people clicking) to the rest after
 * the wait, said in one plain sentence (ab-test-sentence.ts).
 */
export function AbTestFields({ count, value, disabled, onChange }: AbTestFieldsProps) {
  const id = useId();
  const set = (change: Partial<AbTestDraft>) => value && onChange({ ...value, ...change });
  return (
    <fieldset className="group ab-test" disabled={disabled} data-testid="ab-test">
      <legend>Pick a winner</legend>
      <SwitchField
        label="Test on a share first, then send the winner to the rest"
        checked={value !== null}
        onChange={(on) => onChange(on ? DEFAULT_AB_TEST : null)}
        testId="ab-test-on"
      />
      {value && (
        <div className="two-up">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-metric`}>
              Winner: the most
            </label>
            <select
              id={`${id}-metric`}
              className="field__input"
              value={value.metric}
              onChange={(event) => set({ metric: event.target.value === 'clicks' ? 'clicks' : 'replies' })}
              data-testid="ab-test-metric"
            >
              <option value="replies">replies</option>
              <option value="clicks">people clicking a link</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-percent`}>
              Test share (%)
            </label>
            <input id={`${id}-percent`} className="field__input" type="number" min={5} max={50} step={1} value={value.testPercent} onChange={(event) => set({ testPercent: event.target.value })} data-testid="ab-test-percent" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-wait`}>
              Wait after the test (hours)
            </label>
            <input id={`${id}-wait`} className="field__input" type="number" min={1} max={336} value={value.waitHours} onChange={(event) => set({ waitHours: event.target.value })} data-testid="ab-test-wait" />
          </div>
        </div>
      )}
      <p className="muted ab-test__sentence" data-testid="ab-test-sentence">
        {abTestSentence(count, value)}
      </p>
    </fieldset>
  );
}
