/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { passwordChangeBodySchema } from '../../../../shared/schemas/auth';
import { changePassword } from '../../auth/auth-service';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';
import { formFailure } from '../lib/form-failure';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { AccountPage } from './account-page';

/** `/account`: account details and password change. */
export function accountRoutes(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();

  app.get('/account', pageHeaders, requireUser(deps), (c) => renderPage(c, <AccountPage user={c.get('user')} />));

  app.post('/account/password', pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['currentPassword', 'newPassword', 'newPasswordConfirmation']);
    const parsed = passwordChangeBodySchema.safeParse(form);
    const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (form.newPasswordConfirmation !== form.newPassword) errors.newPasswordConfirmation ??= 'The new passwords do not match';
    if (!parsed.success || Object.keys(errors).length > 0) {
      return renderPage(c, <AccountPage user={user} errors={errors} />, 400);
    }
    try {
      // Keeps this browser's session and ends the others (a stolen session dies with the old password).
      await changePassword(deps, user.id, c.get('sessionId'), parsed.data);
    } catch (error) {
      const failure = formFailure(error, ['validation-failed']);
      return renderPage(c, <AccountPage user={user} errors={failure.errors} />, failure.status, failure.headers);
    }
    return renderPage(c, <AccountPage user={user} passwordChanged />);
  });

  return app;
}
