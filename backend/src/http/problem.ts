import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../../../shared/schemas/problem';

/**
 * The stable problem types this API answers with (RFC 9457). Scripts switch on `type`;
 * `title` is the same for every occurrence of a type, `detail` says what happened this time.
 */
export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request has invalid fields' },
  'malformed-body': { status: 400, title: 'The request body could not be read' },
  unauthenticated: { status: 401, title: 'Sign in or send a valid API token' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  'cross-origin': { status: 403, title: 'Cross-origin request refused' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'contradictory-fields': { status: 422, title: 'Two fields of the request disagree' },
  'version-conflict': { status: 409, title: 'Changed elsewhere since you loaded it' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'too-many-requests': { status: 429, title: 'Too many attempts' },
  'request-header-too-large': { status: 431, title: 'The request line and headers are too large' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  internal: { status: 500, title: 'Something went wrong on the server' },
  'encryption-key-mismatch': { status: 500, title: 'The server cannot decrypt stored Gmail tokens' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export type ProblemInit = {
  detail?: string;
  errors?: { field: string; message: string }[];
  headers?: Record<string, string>;
  /** Extra members a client may use (RFC 9457 extension members). */
  extra?: Record<string, unknown>;
};

/** Thrown anywhere in a handler; the app's error handler answers it as problem+json. */
export class ProblemError extends HTTPException {
  readonly problemType: ProblemType;
  readonly init: ProblemInit;

  constructor(type: ProblemType, init: ProblemInit = {}) {
    super(PROBLEM_TYPES[type].status, { message: init.detail ?? PROBLEM_TYPES[type].title });
    this.problemType = type;
    this.init = init;
  }
}

/** Builds the problem+json response for `type`. */
export function problemResponse(c: Context, type: ProblemType, init: ProblemInit = {}): Response {
  const { status, title } = PROBLEM_TYPES[type];
  const body: Problem & Record<string, unknown> = {
    // Extension members first: they can never replace a member RFC 9457 defines (`status` must be the HTTP status).
    ...init.extra,
    type: `/problems/${type}`,
    title,
    status,
    ...(init.detail ? { detail: init.detail } : {}),
    instance: new URL(c.req.url).pathname,
    ...(init.errors ? { errors: init.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...(ANSWERED_BEFORE_THE_BODY.has(status) ? { connection: 'close' } : {}),
      ...init.headers,
    },
  });
}

/**
 * 413 and 415 are answered before the body is read (or while it streams in), so the rest of it is
 * still on the wire and the server drops the socket after answering. RFC 9110 §15.5.14 lets it
 * close; RFC 9112 §9.6 says to say so with `Connection: close`, or a keep-alive client sends its
 * next request into a socket that is going away.
 */
const ANSWERED_BEFORE_THE_BODY = new Set<number>([413, 415]);
