/** @jsxImportSource hono/jsx */

export type TextFieldProps = {
  /** Used as both the input's name and its id (the error summary links to it). */
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
};

/**
 * A labelled input with its hint and error tied to it by aria-describedby, so a screen reader reads
 * them with the field. Password values are never echoed back into the page.
 */
export function TextField({ name, label, type = 'text', value, error, hint, autocomplete, required = true, maxlength }: TextFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
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
      <input
        id={name}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        maxlength={maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
