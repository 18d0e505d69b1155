/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** A success (or warning) message; role="status" so it is announced without taking focus. */
export function Notice({ tone = 'success', children }: { tone?: 'success' | 'warning'; children?: Child }) {
  return (
    <div class={tone === 'warning' ? 'notice warning' : 'notice'} role="status">
      {children}
    </div>
  );
}
