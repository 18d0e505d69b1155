/** @jsxImportSource hono/jsx */
import { ErrorSummary } from '../components/error-summary';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';

export const EMAIL_PATH = '/account/email';
export const EMAIL_FIELDS = ['newEmail', 'emailPassword'] as const;

/**
 * "Correct your email address" (the privacy policy's "Access or correct account information"): the
 * address you sign in with, changed with your password (me/change-email.ts).
 */
export function EmailSection({
  currentEmail,
  value,
  errors = {},
  message,
}: {
  currentEmail: string;
  /** What was typed, on a failed change. */
  value?: string | undefined;
  errors?: FieldErrors;
  message?: string | undefined;
}) {
  return (
    <section aria-labelledby="change-email-title">
      <h2 id="change-email-title">Correct your email address</h2>
      <ErrorSummary errors={errors} fields={EMAIL_FIELDS} message={message} />
      <form method="post" action={EMAIL_PATH} class="card" novalidate aria-labelledby="change-email-title">
        <p>You sign in with this address. Your Gmail accounts, campaigns and recipients stay as they are.</p>
        <TextField name="newEmail" label="Email address" type="email" value={value ?? currentEmail} error={errors.newEmail} autocomplete="email" maxlength={254} />
        <TextField
          name="emailPassword"
          label="Your password"
          type="password"
          hint="Asked again so that only you can move the account to another address."
          error={errors.emailPassword}
          autocomplete="current-password"
        />
        <button type="submit">Change email address</button>
      </form>
    </section>
  );
}
