import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './inline-dialog.css';

interface InlineDialogProps {
  /** The question, as the dialog's name: "Delete Spring?". */
  title: string;
  /** What happens if the user goes on, in full: read out with the name. */
  children: ReactNode;
  /** The choices, buttons; the one marked `data-autofocus` gets focus (else the first). */
  actions: ReactNode;
  onCancel(): void;
  /** 'danger' when going on destroys something (a red edge), else 'neutral'. */
  tone?: 'danger' | 'neutral';
  testId?: string;
}

/**
 * A question asked in place, inside the panel, instead of window.confirm: an alertdialog that
 * takes the focus when it opens (so a keyboard user lands on the choice) and closes on Escape.
 */
export function InlineDialog({ title, children, actions, onCancel, tone = 'neutral', testId }: InlineDialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const root = ref.current;
    const target = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>('button');
    target?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };

  return (
    <div ref={ref} className={`inline-dialog inline-dialog--${tone}`} role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown} data-testid={testId}>
      <p className="inline-dialog__title" id={titleId}>
        {title}
      </p>
      <div className="inline-dialog__body" id={bodyId}>
        {children}
      </div>
      <div className="row inline-dialog__actions">{actions}</div>
    </div>
  );
}
