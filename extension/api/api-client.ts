import type * as z from 'zod';
import type { RequestOutcome } from '../connection/connection-health';
import type { ConnectionStore } from '../connection/connection-store';
import { problemSchema } from '../../shared/schemas/problem';
import { err, ok, type Result } from '../messages/result';
import { problemResult } from './problem-message';

export interface ApiClientOptions {
  fetch: typeof fetch;
  store: Pick<ConnectionStore, 'get'>;
  /** How long one request may take before the user is told the server is not answering. */
  timeoutMs: number;
  /** Hears how every request ended, for the connection's health (connection-health.ts). */
  onOutcome?(serverUrl: string, outcome: RequestOutcome): void;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the server URL, starting with `/api/`; ids in it are validated by the message schemas. */
  path: string;
  query?: Record<string, string | undefined>;
  /** A JSON body. */
  json?: unknown;
  /** A CSV body, sent as `text/csv` (the import endpoint refuses anything else). */
  csv?: string;
  /** A multipart/form-data body (a file upload); fetch writes its Content-Type with the boundary. */
  form?: FormData;
  /** Instead of the client's timeout: a health check should fail fast. */
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The background's only way to the API, and the only code that reads the token. Every answer is
 * parsed with the given schema (shared/schemas where one exists); every failure becomes a sentence.
 *
 * @example
 * const api = createApiClient({ fetch, store, timeoutMs: 15_000 });
 * const list = await api.json({ method: 'GET', path: '/api/campaigns' }, campaignListSchema);
 */
export function createApiClient(options: ApiClientOptions) {
  async function send(request: ApiRequest): Promise<Result<Response>> {
    const connection = await options.store.get();
    if (!connection) return err('not-connected', 'Connect to your iConnect server first.');

    const url = new URL(`${connection.serverUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${connection.token}`, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (request.form !== undefined) {
      body = request.form;
    } else if (request.csv !== undefined) {
      headers['Content-Type'] = 'text/csv; charset=utf-8';
      body = request.csv;
    } else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }

    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    const report = (outcome: RequestOutcome) => options.onOutcome?.(connection.serverUrl, outcome);
    try {
      const response = await options.fetch(url.href, {
        method: request.method,
        headers,
        body,
        // The token is the only credential; never follow a redirect with it attached.
        credentials: 'omit',
        redirect: 'manual',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
      report(await outcomeOf(response));
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        return err('server-error', `${connection.serverUrl} redirected the request elsewhere. Check the server address.`);
      }
      return ok(response);
    } catch (error) {
      report('unreachable');
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        return err('unreachable', `${connection.serverUrl} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`);
      }
      return err('unreachable', `Could not reach ${connection.serverUrl}. Is the server running?`);
    }
  }

  return {
    /** A request whose answer is JSON of `schema`'s shape. */
    async json<S extends z.ZodType>(request: ApiRequest, schema: S): Promise<Result<z.output<S>>> {
      const sent = await send(request);
      if (!sent.ok) return sent;
      const response = sent.value;
      if (!response.ok) return problemResult(response);
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        return err('server-error', 'The server answered in a shape this extension does not understand. Are the server and extension the same version?');
      }
      return ok(parsed.data);
    },

    /** A request answered with text (a CSV export), with the file name its Content-Disposition gives, if any. */
    async text(request: ApiRequest): Promise<Result<{ text: string; filename: string | null }>> {
      const sent = await send(request);
      if (!sent.ok) return sent;
      if (!sent.value.ok) return problemResult(sent.value);
      const disposition = sent.value.headers.get('content-disposition') ?? '';
      return ok({ text: await sent.value.text(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null });
    },

    /** A request answered with no body (204). */
    async empty(request: ApiRequest): Promise<Result<null>> {
      const sent = await send(request);
      if (!sent.ok) return sent;
      return sent.value.ok ? ok(null) : problemResult(sent.value);
    },

    /** The connected server's base URL, for links the user opens in a tab. */
    async serverUrl(): Promise<string | undefined> {
      return (await options.store.get())?.serverUrl;
    },
  };
}

/**
 * A 401 means the stored token was refused only when the problem says so (`unauthenticated`): a
 * wrong password on a step-up is a 401 too. 5xx from the server or a proxy in front of it: the
 * server is there but not working.
 */
async function outcomeOf(response: Response): Promise<RequestOutcome> {
  if (response.status === 401) {
    const problem = problemSchema.safeParse(await response.clone().json().catch(() => undefined));
    return !problem.success || problem.data.type.endsWith('/problems/unauthenticated') ? 'revoked' : 'answered';
  }
  return response.status >= 500 ? 'server-error' : 'answered';
}
