import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import './text-field.css';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the input and announced with it (aria-describedby). */
  hint?: ReactNode;
  invalid?: boolean;
  /** React 19 passes `ref` as a prop to function components. */
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input: the label is a real <label>, so clicking it focuses the input. */
export function TextField({ label, hint, invalid = false, className, ref, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        ref={ref}
        id={id}
        className="field__input"
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? hintId : undefined}
      />
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
