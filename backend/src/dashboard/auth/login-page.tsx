/** @jsxImportSource hono/jsx */
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { HOME_PATH } from '../lib/safe-next-path';

export type LoginPageProps = {
  email?: string;
  next: string;
  errors?: FieldErrors;
  /** A failure that names no field: wrong credentials (we never say which one) or too many attempts. */
  message?: string | undefined;
};

const FIELDS = ['email', 'password'] as const;

export function LoginPage({ email = '', next, errors = {}, message }: LoginPageProps) {
  const nextQuery = next === HOME_PATH ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <Layout title="Sign in" user={undefined} path="/login">
      <h1>Sign in</h1>
      <ErrorSummary errors={errors} fields={FIELDS} message={message} />
      <form method="post" action="/login" class="card" novalidate>
        <input type="hidden" name="next" value={next} />
        <TextField name="email" label="Email address" type="email" value={email} error={errors.email} autocomplete="email" maxlength={254} />
        <TextField name="password" label="Password" type="password" error={errors.password} autocomplete="current-password" />
        <button type="submit">Sign in</button>
      </form>
      <p>
        No account yet? <a href={`/signup${nextQuery}`}>Create an account</a>
      </p>
    </Layout>
  );
}
