import type { ReactNode } from 'react';
import './state-message.css';

interface StateMessageProps {
  kind: 'loading' | 'empty';
  title: string;
  children?: ReactNode;
  testId?: string;
}

/** The loading and empty states of a screen: one sentence, and what to do next. */
export function StateMessage({ kind, title, children, testId }: StateMessageProps) {
  return (
    <div className={`state-message state-message--${kind}`} role={kind === 'loading' ? 'status' : undefined} data-testid={testId}>
      {kind === 'loading' && <span className="state-message__spinner" aria-hidden="true" />}
      <p className="state-message__title">{title}</p>
      {children}
    </div>
  );
}
