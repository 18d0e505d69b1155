import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPES, ProblemError, type ProblemType } from '../../http/problem';
import { toFieldErrors, type FieldErrors } from './field-errors';

/** What a form shows for a service's ProblemError, and the status and headers it answers with. */
export type FormFailure = {
  status: ContentfulStatusCode;
  errors: FieldErrors;
  /** For failures that name no field. */
  message: string | undefined;
  headers: Record<string, string>;
};

/**
 * Turns an expected ProblemError into a re-rendered form: field errors go beside their fields, other
 * failures into the summary. Anything not in `expected` is rethrown to the error page.
 */
export function formFailure(error: unknown, expected: readonly ProblemType[]): FormFailure {
  if (!(error instanceof ProblemError) || !expected.includes(error.problemType)) throw error;
  const errors = toFieldErrors(error.init.errors ?? []);
  const hasFieldErrors = Object.keys(errors).length > 0;
  // "Email or password is wrong. Check the email and password and try again."
  const message = error.problemType === 'invalid-credentials' ? `${PROBLEM_TYPES[error.problemType].title}. ${error.message}` : error.message;
  return {
    status: error.status,
    errors,
    message: hasFieldErrors ? undefined : message,
    // Retry-After on 429 tells clients (and people reading the headers) when to try again.
    headers: error.init.headers ?? {},
  };
}
