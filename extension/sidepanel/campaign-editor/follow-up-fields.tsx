import { useEffect, useRef, useState } from 'react';
import { FOLLOW_UP_CONDITIONS } from '../../../shared/schemas/follow-up-conditions';
import { MergeTagPicker } from '../rich-text/merge-tag-picker';
import { RichTextEditor } from '../rich-text/lazy-rich-text-editor';
import type { RichTextHandle } from '../rich-text/rich-text-editor';
import type { Draft, FollowUpCondition } from './editor-draft';

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
  /** Shows this follow-up (1-based) in the preview. */
  onPreview(step: number): void;
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
      update(index, { subject: `${subject.value.slice(0, start)}${tag}${subject.value.slice(end)}` });
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
            <div className="field">
              <label className="field__label" htmlFor={`fu-subject-${index}`}>
                Follow-up {index + 1} subject
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
                value={step.subject}
                onFocus={() => lastFocus.current.set(index, 'subject')}
                onChange={(event) => update(index, { subject: event.target.value })}
                data-testid={`fu-subject-${index}`}
              />
            </div>
            <MergeTagPicker fields={fields} disabled={locked} onInsert={(tag) => insertTag(index, tag)} testId={`fu-merge-tag-${index}`} />
            <RichTextEditor
              label={`Follow-up ${index + 1} message`}
              html={step.html}
              readOnly={locked}
              readOnlyHint={index < lockedBefore ? 'Sending: this follow-up is fixed now.' : lockedHint}
              fields={fields}
              onChange={(html) => update(index, { html })}
              onFocus={() => lastFocus.current.set(index, 'body')}
              handle={(handle) => {
                if (handle) targets.editors.set(index, handle);
                else targets.editors.delete(index);
              }}
              testId={`fu-body-${index}`}
            />
            <div className="row">
              <button type="button" className="link-button" onClick={() => onPreview(index + 1)} data-testid={`fu-preview-${index}`}>
                Preview follow-up {index + 1}
              </button>
              {!locked && (
                <button type="button" className="link-button" onClick={() => onChange(followUps.filter((_, i) => i !== index))}>
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
            onChange([...followUps, { delayHours: '72', condition: 'no_reply', subject: '', html: '' }]);
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
