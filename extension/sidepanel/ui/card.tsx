import type { HTMLAttributes } from 'react';
import './card.css';

/** A bordered surface that groups one task on the panel. */
export function Card({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return <section {...rest} className={['card', className].filter(Boolean).join(' ')} />;
}
