/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** The attributes that tie a control to its label, hint and error. */
export type ControlAttributes = {
  id: string;
  name: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
};

export type FormFieldProps = {
  /** Both the control's name and its id (the error summary links to it). */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Renders the control (input, textarea…) with the attributes it must carry. */
  control: (attributes: ControlAttributes) => Child;
};

/**
 * A labelled control with hint and error read with it (aria-describedby): the layout every form
 * field of the dashboard shares (TextField is one; numbers, datalists and textareas use it directly).
 */
export function FormField({ name, label, hint, error, control }: FormFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={name}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {control({
        id: name,
        name,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
    </div>
  );
}
