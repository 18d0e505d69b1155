/**
 * Lets every waiting callback run before the caller carries on: what a long job awaits between two
 * slices of its work so it never holds the event loop for long (issue 17: a 100,000-row import, an
 * export, a launch). Chunks that await are the portable answer: the same code runs on Workers, where
 * there is no worker thread. `setImmediate` runs after pending I/O (Node, and Workers with
 * `nodejs_compat`); `setTimeout(0)` elsewhere.
 *
 * @example
 * for (const slice of slices) { work(slice); await yieldToEventLoop(); }
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
