import { meResponseSchema, type MeResponse } from '../../shared/schemas/auth';
import { problemSchema } from '../../shared/schemas/problem';
import { err, ok, type Result } from '../messages/result';

export interface FetchMeOptions {
  fetch: typeof fetch;
  /** How long to wait for the server before calling it unreachable. */
  timeoutMs: number;
}

/**
 * Asks `serverUrl` who `token` belongs to (`GET /api/me`) and turns every way
 * that can fail into a sentence the user can act on.
 */
export async function fetchMe(serverUrl: string, token: string, options: FetchMeOptions): Promise<Result<MeResponse>> {
  let response: Response;
  try {
    response = await options.fetch(`${serverUrl}/api/me`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // The token is the only credential: no cookies of a dashboard session.
      credentials: 'omit',
      // Never follow a redirect with the token attached to an unchecked URL.
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      const seconds = Math.round(options.timeoutMs / 1000);
      return err('unreachable', `${serverUrl} did not answer within ${seconds} seconds. Is the server running?`);
    }
    return err('unreachable', `Could not reach ${serverUrl}. Check the address, and that the server is running.`);
  }

  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return err(
      'not-iconnect',
      `${serverUrl} redirects elsewhere. Enter the address it redirects to (perhaps https:// instead of http://).`,
    );
  }
  if (response.status === 401) {
    return err(
      'unauthorized',
      'The server did not accept this API token: it may be mistyped or revoked. Create a new one on the API tokens page.',
    );
  }
  if (response.status === 404) {
    return err('not-iconnect', `${serverUrl} does not look like an iConnect server (it has no /api/me). Check the address.`);
  }
  if (!response.ok) {
    const title = await problemTitle(response);
    return err('server-error', `The server answered with an error (HTTP ${response.status}${title ? `: ${title}` : ''}). Try again later.`);
  }

  const body: unknown = await response.json().catch(() => undefined);
  const me = meResponseSchema.safeParse(body);
  if (!me.success) {
    return err('not-iconnect', `${serverUrl} answered, but not like an iConnect server. Check the address.`);
  }
  return ok(me.data);
}

/** The title of an RFC 9457 problem body, if the server sent one. */
async function problemTitle(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
  return problem.success ? problem.data.title : undefined;
}
