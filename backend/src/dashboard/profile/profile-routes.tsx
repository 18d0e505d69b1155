/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { changePassword } from '../../auth/auth-service';
import { clearSessionCookie } from '../../auth/session-cookie';
import { checkStepUpPassword } from '../../auth/step-up';
import { findUserById } from '../../auth/users';
import { deleteUserAndData } from '../../privacy/delete-user';
import { exportUserData } from '../../privacy/export-data';
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
import { AccountDeletedPage } from './account-deleted-page';
import { ProfilePage } from './profile-page';
import { DELETE_ACCOUNT_PATH, EXPORT_PATH } from './your-data-section';

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

  /** "Download my data": the API's export (privacy/export-data.ts) as a file, for the signed-in browser. */
  app.get(EXPORT_PATH, pageHeaders, requireUser(deps), async (c) => {
    const data = await exportUserData(deps, c.get('user').id);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="iconnect-export-${data.exportedAt.slice(0, 10)}.json"`,
    });
  });

  /** "Delete my account": the password (step-up, throttled like sign-ins) and a ticked box, then privacy/delete-user.ts. */
  app.post(DELETE_ACCOUNT_PATH, pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['deletePassword', 'confirmDelete']);
    const refuse = (deleteErrors: FieldErrors, status: ContentfulStatusCode, message?: string, headers?: Record<string, string>) =>
      renderPage(c, <ProfilePage user={user} deleteErrors={deleteErrors} deleteMessage={message} />, status, headers);
    const errors: FieldErrors = {};
    if (!form.deletePassword) errors.deletePassword = 'Enter your password to confirm';
    if (form.confirmDelete !== 'true') errors.confirmDelete = 'Tick the box to confirm that everything will be deleted';
    if (Object.keys(errors).length > 0) return refuse(errors, 400);
    const stored = await findUserById(deps, user.id);
    let valid: boolean;
    try {
      valid = stored !== undefined && (await checkStepUpPassword(deps, stored, form.deletePassword, 'deletePassword'));
    } catch (error) {
      const failure = formFailure(error, ['too-many-requests']);
      return refuse(failure.errors, failure.status, failure.message, failure.headers);
    }
    if (!valid) return refuse({ deletePassword: 'The password is wrong; nothing was deleted' }, 400);
    const { notRevoked } = await deleteUserAndData(deps, user.id);
    clearSessionCookie(c, deps.config);
    return renderPage(c, <AccountDeletedPage notRevoked={notRevoked} />);
  });

  return app;
}
