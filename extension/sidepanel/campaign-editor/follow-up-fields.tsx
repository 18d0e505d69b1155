import { useEffect, useRef, useState } from 'react';
import { FOLLOW_UP_CONDITIONS } from '../../../shared/schemas/follow-up-conditions';
import { MergeTagPicker } from '../rich-text/merge-tag-picker';
import { RichTextEditor } from '../rich-text/lazy-rich-text-editor';
import type { RichTextHandle } from '../rich-text/rich-text-editor';
import type { Draft, FollowUpCondition } from './editor-draft';
import { addVariant, editVariant, hasText, removeVariant, variantOf } from './variants/variant-draft';
import { variantLetter } from './variants/variant-limits';
import { VariantTabs } from './variants/variant-tabs';

const CONDITIONS: Record<FollowUpCondition, string> = {
  no_reply: 'if no reply',
  no_open: 'if not opened',
  no_click: 'if no click',
  always: 'always',
};

/** Each follow-up's subject input and message editor, by index: "Go to follow-up 2's body" uses them. */
export interface FollowUpTargets {
  subjects: Map<number, HTMLInputElement>;
  editors: Map<number, RichTextHandle>;
  /** Shows a follow-up's A/B variant (0: A), to go to a place in it. */
  selectVariant?: (index: number, variant: number) => void;
}

interface FollowUpFieldsProps {
  followUps: Draft['followUps'];
  fields: string[];
  /** Steps before this index have started sending and are locked (see editability.ts). */
  lockedBefore: number;
  disabled: boolean;
  /** Said beside what cannot change, e.g. "Fixed after launch". */
  lockedHint: string;
  targets: FollowUpTargets;
  onChange(followUps: Draft['followUps']): void;
  /** Shows this follow-up (1-based) in the preview, at this variant (0: A). */
  onPreview(step: number, variant: number): void;
}

/**
 * Follow-ups: delay, condition, an optional subject and the message, written in the same editor as
 * the first message (issue 14: a raw HTML textarea lost the line breaks the user typed).
 */
export function FollowUpFields({ followUps, fields, lockedBefore, disabled, lockedHint, targets, onChange, onPreview }: FollowUpFieldsProps) {
  const update = (index: number, change: Partial<Draft['followUps'][number]>) =>
    onChange(followUps.map((step, i) => (i === index ? { ...step, ...change } : step)));
  /** The follow-up just added: its first field takes the focus once it is on screen. */
  const [added, setAdded] = useState<number | null>(null);
  const lastFocus = useRef(new Map<number, 'subject' | 'body'>());
  /** Each follow-up's variant on screen (absent: A). */
  const [variantTabs, setVariantTabs] = useState<Record<number, number>>({});
  targets.selectVariant = (index, variant) => setVariantTabs((tabs) => ({ ...tabs, [index]: variant }));
  const shownVariant = (index: number) => Math.min(variantTabs[index] ?? 0, followUps[index]?.variants.length ?? 0);
  const updateVariant = (index: number, change: { subject?: string; html?: string }) => {
    const step = followUps[index];
    if (step) update(index, editVariant(step, shownVariant(index), change));
  };

  useEffect(() => {
    if (added === null) return;
    document.getElementById(`fu-delay-${added}`)?.focus();
    setAdded(null);
  }, [added]);

  function insertTag(index: number, tag: string) {
    const subject = targets.subjects.get(index);
    if (lastFocus.current.get(index) === 'subject' && subject) {
      const start = subject.selectionStart ?? subject.value.length;
      const end = subject.selectionEnd ?? start;
      updateVariant(index, { subject: `${subject.value.slice(0, start)}${tag}${subject.value.slice(end)}` });
      return;
    }
    targets.editors.get(index)?.insertTag(tag);
  }

  return (
    <fieldset className="group" disabled={disabled} data-testid="follow-ups">
      <legend>Follow-ups</legend>
      {disabled && <p className="muted">{lockedHint}</p>}
      {followUps.length === 0 && <p className="muted">None. A short nudge after a few days often doubles replies.</p>}
      {followUps.map((step, index) => {
        const locked = disabled || index < lockedBefore;
        const shown = shownVariant(index);
        const variant = variantOf(step, shown);
        const count = step.variants.length + 1;
        const variantWord = count > 1 ? ` (variant ${variantLetter(shown)})` : '';
        const selectVariant = (variantIndex: number) => setVariantTabs((tabs) => ({ ...tabs, [index]: variantIndex }));
        return (
          <fieldset key={index} className="follow-up" disabled={locked} data-testid={`follow-up-${index + 1}`}>
            <legend className="muted">
              Follow-up {index + 1}
              {index < lockedBefore ? ' (sending, locked)' : ''}
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
                data-testid={`fu-delay-${index}`}
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
            <VariantTabs
              step={`Follow-up ${index + 1}`}
              idPrefix={`fu-variant-${index}`}
              count={count}
              selected={shown}
              disabled={locked}
              onSelect={selectVariant}
              onAdd={() => {
                update(index, addVariant(step));
                selectVariant(count);
              }}
              onRemove={(variantIndex) => {
                update(index, removeVariant(step, variantIndex));
                selectVariant(Math.max(0, variantIndex - 1));
              }}
              hasText={(variantIndex) => hasText(variantOf(step, variantIndex))}
            >
              <div className="field">
                <label className="field__label" htmlFor={`fu-subject-${index}`}>
                  Follow-up {index + 1} subject{variantWord}
                </label>
                <input
                  id={`fu-subject-${index}`}
                  ref={(element) => {
                    if (element) targets.subjects.set(index, element);
                    else targets.subjects.delete(index);
                  }}
                  className="field__input"
                  maxLength={998}
                  placeholder="Empty: a reply in the same thread (Re: …)"
                  value={variant.subject}
                  onFocus={() => lastFocus.current.set(index, 'subject')}
                  onChange={(event) => updateVariant(index, { subject: event.target.value })}
                  data-testid={`fu-subject-${index}`}
                />
              </div>
              <MergeTagPicker fields={fields} disabled={locked} onInsert={(tag) => insertTag(index, tag)} testId={`fu-merge-tag-${index}`} />
              <RichTextEditor
                key={shown}
                label={`Follow-up ${index + 1} message${variantWord}`}
                html={variant.html}
                readOnly={locked}
                readOnlyHint={index < lockedBefore ? 'Sending: this follow-up is fixed now.' : lockedHint}
                fields={fields}
                onChange={(html) => updateVariant(index, { html })}
                onFocus={() => lastFocus.current.set(index, 'body')}
                handle={(handle) => {
                  if (handle) targets.editors.set(index, handle);
                  else targets.editors.delete(index);
                }}
                testId={`fu-body-${index}`}
              />
            </VariantTabs>
            <div className="row">
              <button type="button" className="link-button" onClick={() => onPreview(index + 1, shown)} data-testid={`fu-preview-${index}`}>
                Preview follow-up {index + 1}
                {variantWord}
              </button>
              {!locked && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    onChange(followUps.filter((_, i) => i !== index));
                    // The tabs of the follow-ups after it move up with them.
                    setVariantTabs((tabs) => Object.fromEntries(Object.entries(tabs).flatMap(([key, value]) => (Number(key) < index ? [[key, value]] : Number(key) > index ? [[String(Number(key) - 1), value]] : []))));
                  }}
                >
                  Remove follow-up {index + 1}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      {followUps.length < 10 && !disabled && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onChange([...followUps, { delayHours: '72', condition: 'no_reply', subject: '', html: '', variants: [] }]);
            setAdded(followUps.length);
          }}
          data-testid="follow-up-add"
        >
          + Add a follow-up
        </button>
      )}
    </fieldset>
  );
}
