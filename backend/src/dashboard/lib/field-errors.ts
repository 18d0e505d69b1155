/** Error messages by form field name; the first message per field is the one shown. */
export type FieldErrors = Partial<Record<string, string>>;

/** zod issues (or a ProblemError's `errors`) to one readable message per field. */
export function toFieldErrors(issues: readonly { path?: readonly PropertyKey[]; field?: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.field ?? String(issue.path?.[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}
