/** @jsxImportSource hono/jsx */
import { MIN_PASSWORD_LENGTH } from '../../../../shared/schemas/auth';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { HOME_PATH } from '../lib/safe-next-path';

export type SignupPageProps = {
  email?: string;
  next: string;
  errors?: FieldErrors;
};

const FIELDS = ['email', 'password', 'passwordConfirmation'] as const;

export function SignupPage({ email = '', next, errors = {} }: SignupPageProps) {
  const nextQuery = next === HOME_PATH ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <Layout title="Create an account" user={undefined} path="/signup">
      <h1>Create an account</h1>
      <ErrorSummary errors={errors} fields={FIELDS} />
      <form method="post" action="/signup" class="card" novalidate>
        <input type="hidden" name="next" value={next} />
        <TextField name="email" label="Email address" type="email" value={email} error={errors.email} autocomplete="email" maxlength={254} />
        <TextField
          name="password"
          label="Password"
          type="password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters besides spaces, not a common password. A few unrelated words make a strong one.`}
          error={errors.password}
          autocomplete="new-password"
        />
        <TextField
          name="passwordConfirmation"
          label="Confirm password"
          type="password"
          error={errors.passwordConfirmation}
          autocomplete="new-password"
        />
        <button type="submit">Create account</button>
      </form>
      <p>
        Already have an account? <a href={`/login${nextQuery}`}>Sign in</a>
      </p>
      <p class="muted">
        Read how this server handles your data in the <a href="/privacy">privacy policy</a>.
      </p>
    </Layout>
  );
}
