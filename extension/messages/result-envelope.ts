import type { MessageError, MessageErrorCode } from './result';

/**
 * The `Result` envelope and its helpers without zod, so the side panel can use them without loading
 * the schema library (its JavaScript budget, issue 14: at most 250 KB gzipped). The schemas stay in
 * result.ts for the background and the router, which re-exports these.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: MessageError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(
  code: MessageErrorCode,
  message: string,
  fields?: MessageError['fields'],
): { ok: false; error: MessageError } {
  return { ok: false, error: fields && fields.length > 0 ? { code, message, fields } : { code, message } };
}

/**
 * Failures that say nothing about the request itself (the server could not be reached, or failed):
 * worth keeping the user's work and answering from the cache, and trying again later.
 */
export function isServerOutOfReach(error: MessageError): boolean {
  return error.code === 'unreachable' || error.code === 'server-error';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Whether `raw` has the envelope's shape: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`.
 * Only the envelope is checked, not the value: the side panel talks to our own background, which
 * already validated the server's answer with the shared schemas (the edge is background <-> server),
 * and the router validates every message sent TO the background. Re-validating each answer in the
 * panel cost the panel zod (about 30 KB gzipped) and guarded nothing the background had not.
 */
export function isResultEnvelope(raw: unknown): raw is Result<unknown> {
  if (!isRecord(raw)) return false;
  if (raw.ok === true) return 'value' in raw;
  if (raw.ok !== false || !isRecord(raw.error)) return false;
  return typeof raw.error.code === 'string' && typeof raw.error.message === 'string';
}
