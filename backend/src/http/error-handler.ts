import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TokenDecryptionError } from '../crypto/token-cipher';
import type { Logger } from '../lib/logger';
import { ProblemError, problemResponse, type ProblemType } from './problem';

/**
 * Turns every failure into problem+json. Expected failures are `ProblemError`s; Hono's own
 * `HTTPException`s (malformed JSON, body limit) are mapped by status; anything else is logged
 * with its cause and answered as a generic 500, never with the message, a stack or SQL.
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problemType, error.init);
    if (error instanceof HTTPException) {
      const type = problemTypeForStatus(error.status);
      if (type !== 'internal') return problemResponse(c, type, { detail: error.message });
    }
    if (error instanceof TokenDecryptionError) {
      // Nothing was sent: say so, and point the operator at the configuration rather than the user at a retry.
      logger.error('stored gmail token cannot be decrypted', { error });
      return problemResponse(c, 'encryption-key-mismatch', {
        detail: 'Nothing was sent. The server\'s ENCRYPTION_KEY does not match the key these tokens were encrypted with; the operator must fix the configuration.',
      });
    }
    logger.error('unhandled error', { method: c.req.method, path: new URL(c.req.url).pathname, error });
    return problemResponse(c, 'internal', { detail: 'The error was logged. Try again, or contact the operator.' });
  };
}

export const notFoundHandler: NotFoundHandler = (c: Context) =>
  problemResponse(c, 'not-found', { detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.` });

function problemTypeForStatus(status: number): ProblemType {
  switch (status) {
    case 400:
      return 'malformed-body';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'cross-origin';
    case 404:
      return 'not-found';
    case 413:
      return 'payload-too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'too-many-requests';
    default:
      return 'internal';
  }
}
