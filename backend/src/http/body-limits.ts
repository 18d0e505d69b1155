import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { IMPORT_LIMITS } from '../../../shared/recipients-csv/import-limits';
import { ProblemError } from './problem';

export type BodyLimits = { jsonBytes: number; csvBytes: number };
/** A CSV body may be as large as one import may be (shared with the panel's check before upload). */
export const DEFAULT_BODY_LIMITS: BodyLimits = { jsonBytes: 1024 * 1024, csvBytes: IMPORT_LIMITS.maxBytes };

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
    onError: () => {
      throw new ProblemError('payload-too-large', { detail: `The body is over the limit of ${formatBytes(maxBytes)}.` });
    },
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}
