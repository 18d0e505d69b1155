import { useId } from 'react';
import './switch-field.css';

interface SwitchFieldProps {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
  testId?: string;
}

/** An on/off setting: a real checkbox with role="switch", so Space toggles it and readers say "on"/"off". */
export function SwitchField({ label, hint, checked, disabled, onChange, testId }: SwitchFieldProps) {
  const id = useId();
  return (
    <div className="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch-field__input"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testId}
      />
      <label htmlFor={id} className="switch-field__label">
        {label}
      </label>
      {hint && (
        <p className="switch-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
