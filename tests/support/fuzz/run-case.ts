import { problemSchema } from '../../../shared/schemas/problem';
import { SetupFailed, type FuzzContext } from './fuzz-context';
import { NoAnswer, type Answer } from './http-client';
import type { FuzzCase } from './fuzz-case';
import { BEFORE_ANY_ROUTE } from './route-list';
import { percentEncode, toJsonText, visible, wtf8Bytes } from './raw-json';
import type { Sent, Target } from './route-spec';

/**
 * Runs one case and judges the answer: an HTTP answer arrives, never a 5xx, every 4xx is an
 * RFC 9457 problem, a success has the shape of its schema and reads back as it was sent.
 */

export type FindingKind = 'crash' | 'no-answer' | '5xx' | 'not-a-problem' | 'response-shape' | 'read-back' | 'health' | 'setup';
/** `route`: where to file it when not under the case's own route (an answer no route gave). */
export type Finding = { kind: FindingKind; detail: string; group?: string; route?: string };

/** The request as a person would retype it, for failure messages; `size` (URL and body) picks the smallest example. */
export type RequestShown = { line: string; contentType: string | undefined; body: string; bodyBytes: number; size: number };

export type CaseResult = { request: RequestShown; status: number | null; requestMs: number; findings: Finding[] };

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Lone surrogates as raw characters rather than `\ud800` escapes (an odd number of backslashes
 * before the `u` makes it an escape), so that `wtf8Bytes` writes them as bytes.
 */
const unescapeSurrogates = (json: string) =>
  json.replace(/(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi, (_, slashes: string, hex: string) => slashes + String.fromCharCode(parseInt(hex, 16)));

/** What `route.path` becomes with `params` (one replaced by the case's hostile value) and the query. */
function requestPath(c: FuzzCase, params: Record<string, string>): string {
  const names = [...c.route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const values = { ...params };
  if (c.hostileParam && names.length > 0) values[names[c.hostileParam.at % names.length]!] = c.hostileParam.value;
  const path = c.route.path.replace(/:(\w+)/g, (_, name: string) => percentEncode(values[name] ?? ''));
  const query = c.query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
  return query ? `${path}?${query}` : path;
}

/** The body's bytes, and the body as the server reads it (Hono parses JSON only under a JSON media type). */
function encodeBody(c: FuzzCase, target: Target): { bytes: Uint8Array<ArrayBuffer> | undefined; shown: string; sent: Sent } {
  if (c.csv) {
    const bytes = c.csv.encoding === 'wtf8' ? wtf8Bytes(c.csv.text) : new TextEncoder().encode(c.csv.text);
    const emailColumn = c.query.find(([key]) => key === 'emailColumn')?.[1];
    return { bytes, shown: c.csv.text, sent: { json: undefined, csv: { bytes, emailColumn } } };
  }
  if (c.multipart) return { bytes: c.multipart.bytes, shown: c.multipart.shown, sent: { json: undefined } };
  if (c.body === undefined) return { bytes: undefined, shown: '', sent: { json: {} } };
  const text = toJsonText(c.body, target.refs);
  const bytes = c.encoding === 'wtf8' ? wtf8Bytes(unescapeSurrogates(text)) : new TextEncoder().encode(text);
  const mediaType = c.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  let json: unknown = {};
  if (JSON_MEDIA_TYPE.test(mediaType)) {
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      json = undefined;
    }
  }
  return { bytes, shown: text, sent: { json } };
}

/** How far a case got: what the runner reports when the server stops answering part-way. */
export type CaseProgress = { stage: string; request?: RequestShown };

export async function runCase(ctx: FuzzContext, c: FuzzCase, progress: CaseProgress): Promise<CaseResult> {
  const findings: Finding[] = [];
  progress.stage = 'preparing the case';
  let target: Target;
  try {
    target = c.route.target ? await c.route.target(ctx, c.pick) : {};
  } catch (error) {
    if (!(error instanceof SetupFailed)) throw error;
    const request = { line: `${c.route.method} ${c.route.path}`, contentType: undefined, body: '', bodyBytes: 0, size: 0 };
    return { request, status: null, requestMs: 0, findings: [{ kind: 'setup', detail: error.message }] };
  }
  const path = requestPath(c, target.params ?? {});
  const { bytes, shown, sent } = encodeBody(c, target);
  const request: RequestShown = {
    line: `${c.route.method} ${path}`,
    contentType: c.contentType,
    body: c.encoding === 'wtf8' || c.csv?.encoding === 'wtf8' ? `${shown} (lone surrogates sent as raw WTF-8 bytes)` : shown,
    bodyBytes: bytes?.byteLength ?? 0,
    size: (bytes?.byteLength ?? 0) + path.length,
  };
  progress.request = request;

  progress.stage = 'the request';
  const started = performance.now();
  const answer = await ctx.http.call({
    method: c.route.method,
    path,
    headers: {
      'x-forwarded-for': ctx.nextAddress(),
      ...(c.route.auth === 'none' ? {} : { authorization: `Bearer ${target.token ?? ctx.user.token}` }),
      ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}),
    },
    body: bytes,
  });
  const requestMs = performance.now() - started;
  findings.push(...judgeAnswer(c, answer));

  if (answer.status >= 200 && answer.status < 300 && c.route.readBack) {
    progress.stage = 'reading back';
    try {
      for (const mismatch of await c.route.readBack(ctx, target, sent, answer)) {
        findings.push({
          kind: 'read-back',
          group: mismatch.field.replace(/^recipient [^:]*:/, 'recipient:'),
          detail: `${mismatch.field}: sent ${visible(JSON.stringify(mismatch.sent) ?? 'undefined', 300)}, read back ${visible(JSON.stringify(mismatch.got) ?? 'undefined', 300)}`,
        });
      }
    } catch (error) {
      if (error instanceof NoAnswer) throw error;
      findings.push({ kind: 'read-back', group: 'reading failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return { request, status: answer.status, requestMs, findings };
}

function judgeAnswer(c: FuzzCase, answer: Answer): Finding[] {
  const type = answer.headers.get('content-type') ?? '';
  if (answer.status >= 500) return [{ kind: '5xx', detail: `${answer.status} ${visible(answer.text, 300)}` }];
  if (answer.status >= 400) {
    const problem = problemSchema.safeParse(answer.json);
    if (!type.startsWith('application/problem+json') || !problem.success || problem.data.status !== answer.status) {
      // No content type and no body: Node's HTTP parser answered (431 for a 16 KB request line) before any route ran.
      const beforeTheApp = type === '' && answer.text === '';
      return [
        {
          kind: 'not-a-problem',
          group: `${answer.status} ${type || 'without a content type'}`,
          detail: `${answer.status} ${type}: ${visible(answer.text, 300)}`,
          ...(beforeTheApp ? { route: BEFORE_ANY_ROUTE } : {}),
        },
      ];
    }
    return [];
  }
  if (answer.status >= 200 && answer.status < 300 && c.route.response && answer.status !== 204) {
    const shaped = c.route.response.safeParse(answer.json);
    if (!shaped.success) {
      const issue = shaped.error.issues[0];
      return [{ kind: 'response-shape', group: issue?.path.join('.'), detail: `${answer.status}: ${issue?.path.join('.')}: ${issue?.message}` }];
    }
  }
  return [];
}
