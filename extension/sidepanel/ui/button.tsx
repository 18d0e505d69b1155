import type { ButtonHTMLAttributes } from 'react';
import './button.css';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant: 'primary' | 'secondary';
  /** While true the button is disabled, shows a spinner and `busyLabel`. */
  busy?: boolean;
  busyLabel?: string;
}

export function Button({ variant, busy = false, busyLabel, disabled, children, className, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      className={['button', `button--${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <span className="button__spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
