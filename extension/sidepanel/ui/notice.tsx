import type { ReactNode } from 'react';
import './notice.css';

interface NoticeProps {
  tone: 'info' | 'success' | 'warning';
  children: ReactNode;
  testId?: string;
}

/** A non-error message in place (role="status": announced politely). Errors use InlineAlert. */
export function Notice({ tone, children, testId }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role="status" data-testid={testId}>
      {children}
    </div>
  );
}
