/**
 * An error as it may cross from the tracking thread to the request thread: a string (a message
 * carries no Error with its cause), so the logger's redaction (lib/logger.ts) cannot apply on the
 * other side. Reduced here as it would reduce it: drizzle's "Failed query: <sql> params: <values>"
 * names rows and users; only the driver's cause, first line, is kept.
 *
 * @example
 * errorSummary(drizzleError); // 'LibsqlError: SQLITE_CONSTRAINT: refused'
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return 'Error: (not an Error)';
  const failedQuery = error.message.startsWith('Failed query');
  const source = !failedQuery ? error : error.cause instanceof Error ? error.cause : null;
  if (source === null) return `${error.name}: a query failed`;
  return `${source.name}: ${(source.message.split('\n')[0] ?? '').slice(0, 200)}`;
}
