import { Agent, request } from 'node:http';

/**
 * Plain HTTP/1.1, one connection per request: a request that gets no answer is that request's
 * failure, never the leftover of an earlier one on a kept-alive connection (which a browser would
 * retry anyway, RFC 9112 §9.3.1). The body is sent as the bytes given, Content-Length set.
 */

/** One HTTP answer, its body read. */
export type Answer = { status: number; headers: Headers; text: string; json: unknown };

/** The server did not answer: the connection was refused, reset or timed out. */
export class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(`no HTTP answer: ${reason}`);
  }
}

export type HttpRequest = { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array | string };

const TIMEOUT_MS = 60_000;

export function httpClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: false });
  return {
    call: (req: HttpRequest) =>
      new Promise<Answer>((resolve, reject) => {
        const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
        const length = body || !['GET', 'HEAD'].includes(req.method) ? { 'content-length': String(body?.byteLength ?? 0) } : {};
        const outgoing = request(`${baseUrl}${req.path}`, { method: req.method, headers: { ...req.headers, ...length }, agent }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', (error) => reject(new NoAnswer(`the body broke off: ${describe(error)}`)));
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text === '' ? undefined : JSON.parse(text);
            } catch {
              json = undefined;
            }
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            resolve({ status: incoming.statusCode ?? 0, headers, text, json });
          });
        });
        outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
        // After an answer, a reset while the rest of the body is written is no loss: the answer came.
        outgoing.on('error', (error) => reject(new NoAnswer(describe(error))));
        outgoing.end(body);
      }),
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  return `${code ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim();
}
