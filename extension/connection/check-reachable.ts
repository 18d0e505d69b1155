import { err, ok, type Result } from '../messages/result';

/**
 * Whether anything answers at `serverUrl` (`GET /health`, no credentials), within `timeoutMs`.
 * Linking opens the dashboard in a tab and waits for the user there: without this check an address
 * where nothing listens left the panel "Waiting for the dashboard…" beside a browser error page
 * (issue 14). Any HTTP answer counts: the dashboard tab shows the rest.
 *
 * @example
 * await checkReachable('http://127.0.0.1:9', { fetch, timeoutMs: 3000 })
 * // { ok: false, error: { code: 'unreachable', message: 'Cannot reach http://127.0.0.1:9. …' } }
 */
export async function checkReachable(serverUrl: string, options: { fetch: typeof fetch; timeoutMs: number }): Promise<Result<null>> {
  try {
    await options.fetch(`${serverUrl}/health`, {
      method: 'GET',
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return ok(null);
  } catch (error) {
    const late = error instanceof DOMException && error.name === 'TimeoutError';
    const seconds = new Intl.NumberFormat(undefined).format(Math.round(options.timeoutMs / 1000));
    return err(
      'unreachable',
      late
        ? `Cannot reach ${serverUrl}: no answer within ${seconds} seconds. Check the address, and that the server is running.`
        : `Cannot reach ${serverUrl}. Check the address, and that the server is running.`,
    );
  }
}
