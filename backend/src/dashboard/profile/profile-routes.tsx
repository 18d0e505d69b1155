/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { changePassword } from '../../auth/auth-service';
import { passwordChangeRequestSchema } from '../../auth/password-rule';
import type { AppDeps } from '../../deps';
import type { SignedInEnv } from '../dashboard-env';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';
import { formFailure } from '../lib/form-failure';
import { readForm } from '../lib/read-form';
import { renderPage } from '../lib/render-page';
import { pageHeaders } from '../middleware/page-headers';
import { requireUser } from '../middleware/require-user';
import { sameOriginOnly } from '../middleware/same-origin-only';
import { ProfilePage } from './profile-page';

/** `/account`: your profile (the signed-in user's details) and the password change; Gmail accounts are in gmail-accounts/. */
export function profilePages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();

  app.get('/account', pageHeaders, requireUser(deps), (c) => renderPage(c, <ProfilePage user={c.get('user')} />));

  app.post('/account/password', pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['currentPassword', 'newPassword', 'newPasswordConfirmation', 'revokeTokens']);
    // Only a ticked checkbox is sent: its absence means "keep the tokens", not the API's default.
    const revokeTokens = form.revokeTokens === 'true';
    const parsed = passwordChangeRequestSchema.safeParse({ ...form, revokeTokens });
    const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (form.newPasswordConfirmation !== form.newPassword) errors.newPasswordConfirmation ??= 'The new passwords do not match';
    if (!parsed.success || Object.keys(errors).length > 0) {
      return renderPage(c, <ProfilePage user={user} errors={errors} revokeTokens={revokeTokens} />, 400);
    }
    let changed: { tokensRevoked: number };
    try {
      // Keeps this browser's session and ends the others (a stolen session dies with the old password).
      changed = await changePassword(deps, user.id, c.get('sessionId'), parsed.data);
    } catch (error) {
      const failure = formFailure(error, ['validation-failed', 'too-many-requests']);
      const page = <ProfilePage user={user} errors={failure.errors} revokeTokens={revokeTokens} />;
      return renderPage(c, page, failure.status, failure.headers);
    }
    return renderPage(c, <ProfilePage user={user} passwordChanged={{ tokensRevoked: revokeTokens, count: changed.tokensRevoked }} />);
  });

  return app;
}
