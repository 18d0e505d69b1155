/** @jsxImportSource hono/jsx */
import type { FieldErrors } from '../lib/field-errors';

export type ErrorSummaryProps = {
  /** Field errors, each linked to its input by id, in the order of `fields`. */
  errors: FieldErrors;
  fields: readonly string[];
  /** A failure that belongs to no single field (wrong credentials, too many attempts). */
  message?: string | undefined;
};

/** The list of problems at the top of a form; role="alert" so it is announced when the page loads. */
export function ErrorSummary({ errors, fields, message }: ErrorSummaryProps) {
  const listed = fields.filter((field) => errors[field]);
  if (!message && listed.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {message && <li>{message}</li>}
        {listed.map((field) => (
          <li>
            <a href={`#${field}`}>{errors[field]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
