import type { MouseEvent, ReactNode } from 'react';
import './skip-link.css';

interface SkipLinkProps {
  /** The id of the element to move to; it needs `tabIndex={-1}` to take focus. */
  targetId: string;
  children: ReactNode;
  /** `top`: over the panel's first line; `end`: in place, at the end of what it skips back over. */
  placement?: 'top' | 'end';
  testId?: string;
}

/**
 * A link shown only while it has focus (WCAG 2.4.1, Bypass Blocks): Enter moves focus to the
 * target, so a keyboard user skips what lies between. Focus is moved by hand rather than through
 * the URL's hash: the panel is one page and its address should not change.
 */
export function SkipLink({ targetId, children, placement = 'top', testId }: SkipLinkProps) {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'start' });
  }
  return (
    <a className={placement === 'end' ? 'skip-link skip-link--end' : 'skip-link'} href={`#${targetId}`} onClick={skip} data-testid={testId}>
      {children}
    </a>
  );
}
