import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { JSON_BODY_LIMIT_BYTES } from '../../../shared/lib/body-limits';
import { formatSize } from '../../../shared/lib/format-size';
import { IMPORT_LIMITS } from '../../../shared/recipients-csv/import-limits';
import { ProblemError } from './problem';

export type BodyLimits = { jsonBytes: number; csvBytes: number };
/** A CSV body may be as large as one import may be (shared with the panel's check before upload). */
export const DEFAULT_BODY_LIMITS: BodyLimits = { jsonBytes: JSON_BODY_LIMIT_BYTES, csvBytes: IMPORT_LIMITS.maxBytes };

/**
 * Refuses bodies over the limit with 413 while they stream in (not after buffering them), whether
 * or not the client sent a Content-Length. CSV uploads get the larger limit; everything else the JSON one.
 */
export function limitBodies(limits: BodyLimits) {
  const json = limitTo(limits.jsonBytes);
  const csv = limitTo(limits.csvBytes);
  return createMiddleware(async (c, next) => {
    const isCsv = c.req.header('content-type')?.toLowerCase().startsWith('text/csv') ?? false;
    return (isCsv ? csv : json)(c, next);
  });
}

function limitTo(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      throw tooLarge(maxBytes, c.req.header('content-length'));
    },
  });
}

/**
 * The 413 problem with the limit and, when the client declared it, the body's size as RFC 9457
 * extension members (`limitBytes`, `sizeBytes`), so a client can say "The message is 5.2 MB; at
 * most 1 MB" in its own words and units (issue 14). A streamed body's size is unknown: only the limit.
 */
export function tooLarge(limitBytes: number, contentLength: string | undefined): ProblemError {
  const declared = contentLength !== undefined && /^\d{1,15}$/.test(contentLength) ? Number(contentLength) : null;
  const sizeBytes = declared !== null && declared > limitBytes ? declared : null;
  return new ProblemError('payload-too-large', {
    detail:
      sizeBytes === null
        ? `The body is over the limit of ${formatBytes(limitBytes)}.`
        : `The body is ${formatBytes(sizeBytes)}; at most ${formatBytes(limitBytes)}.`,
    extra: sizeBytes === null ? { limitBytes } : { limitBytes, sizeBytes },
  });
}

/** The API's own words are English; the extension words the members in the user's language. */
const formatBytes = (bytes: number) => formatSize(bytes, 'en');
