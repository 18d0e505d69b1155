/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { emailSchema } from '../../../../shared/schemas/auth';
import { DASHBOARD, recordAudit } from '../../audit/record-audit';
import { changePassword } from '../../auth/auth-service';
import { clearSessionCookie } from '../../auth/session-cookie';
import { checkStepUpPassword } from '../../auth/step-up';
import { findUserById } from '../../auth/users';
import { deleteUserAndData } from '../../privacy/delete-user';
import { exportUserData } from '../../privacy/export-data';
import { readSettings, updateSettings } from '../../privacy/settings-store';
import { changeOwnEmail } from '../../me/change-email';
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
import { EMAIL_PATH } from './email-section';
import { ProfilePage, type ProfilePageProps } from './profile-page';
import { parsePrivacyForm, privacyFieldOf, privacyValuesOf, PRIVACY_FIELDS, type PrivacyValues } from './privacy-settings-form';
import { PRIVACY_SETTINGS_PATH } from './privacy-settings-section';
import { DELETE_ACCOUNT_PATH, EXPORT_PATH } from './your-data-section';

const SAVED = ['privacy', 'email'] as const;

/**
 * `/account`: your profile (the signed-in user's details), the email correction, the password change
 * and the privacy settings; Gmail accounts are in gmail-accounts/.
 */
export function profilePages(deps: AppDeps) {
  const app = new Hono<SignedInEnv>();

  /** The Account page with the stored privacy settings, unless `privacy` carries what was typed. */
  const profile = async (
    c: Context<SignedInEnv>,
    props: Omit<ProfilePageProps, 'user' | 'privacy'> & { privacy?: { values: PrivacyValues; errors: FieldErrors } },
    status: ContentfulStatusCode = 200,
    headers?: Record<string, string>,
  ) => {
    const user = c.get('user');
    const settings = await readSettings(deps, user.id);
    // requireUser found the user a moment ago: no settings means it was deleted in between.
    if (settings === undefined) return c.redirect('/login', 303);
    const privacy = { values: props.privacy?.values ?? privacyValuesOf(settings), errors: props.privacy?.errors, trackingMode: settings.trackingMode };
    return renderPage(c, <ProfilePage {...props} user={user} privacy={privacy} />, status, headers);
  };

  app.get('/account', pageHeaders, requireUser(deps), async (c) => {
    const saved = SAVED.find((value) => value === c.req.query('saved'));
    return profile(c, { saved });
  });

  /** "Correct your email address": the password again (step-up, throttled), then me/change-email.ts. */
  app.post(EMAIL_PATH, pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const form = await readForm(c, ['newEmail', 'emailPassword']);
    const refuse = (errors: FieldErrors, status: ContentfulStatusCode, message?: string, headers?: Record<string, string>) =>
      profile(c, { email: { value: form.newEmail, errors, message } }, status, headers);
    const errors: FieldErrors = {};
    const parsed = emailSchema.safeParse(form.newEmail);
    if (!parsed.success) errors.newEmail = parsed.error.issues[0]?.message ?? 'Enter a valid email address';
    if (form.emailPassword === '') errors.emailPassword = 'Enter your password to confirm';
    if (!parsed.success || Object.keys(errors).length > 0) return refuse(errors, 400);
    try {
      await changeOwnEmail(deps, c.get('user').id, { email: parsed.data, password: form.emailPassword }, DASHBOARD, 'emailPassword');
    } catch (error) {
      const failure = formFailure(error, ['validation-failed', 'conflict', 'too-many-requests']);
      // The service names the API's field; on this form the address is `newEmail`.
      const fieldErrors = Object.fromEntries(Object.entries(failure.errors).map(([field, message]) => [field === 'email' ? 'newEmail' : field, message]));
      return refuse(fieldErrors, failure.status, failure.message, failure.headers);
    }
    return c.redirect('/account?saved=email', 303);
  });

  /** "Privacy settings": retention periods, IP truncation, finished campaigns' recipients, the postal address. */
  app.post(PRIVACY_SETTINGS_PATH, pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const values = await readForm(c, PRIVACY_FIELDS);
    const parsed = parsePrivacyForm(values);
    if (!parsed.ok) return profile(c, { privacy: { values, errors: parsed.errors } }, 400);
    try {
      await updateSettings(deps, c.get('user').id, parsed.patch, DASHBOARD);
    } catch (error) {
      const failure = formFailure(error, ['validation-failed']);
      const errors = Object.fromEntries(Object.entries(failure.errors).map(([field, message]) => [privacyFieldOf(field), message]));
      return profile(c, { privacy: { values, errors } }, failure.status);
    }
    return c.redirect('/account?saved=privacy', 303);
  });

  app.post('/account/password', pageHeaders, sameOriginOnly(deps), requireUser(deps), async (c) => {
    const user = c.get('user');
    const form = await readForm(c, ['currentPassword', 'newPassword', 'newPasswordConfirmation', 'revokeTokens']);
    // Only a ticked checkbox is sent: its absence means "keep the tokens", not the API's default.
    const revokeTokens = form.revokeTokens === 'true';
    const parsed = passwordChangeRequestSchema.safeParse({ ...form, revokeTokens });
    const errors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error.issues);
    if (form.newPasswordConfirmation !== form.newPassword) errors.newPasswordConfirmation ??= 'The new passwords do not match';
    if (!parsed.success || Object.keys(errors).length > 0) {
      return profile(c, { errors, revokeTokens }, 400);
    }
    let changed: { tokensRevoked: number };
    try {
      // Keeps this browser's session and ends the others (a stolen session dies with the old password).
      changed = await changePassword(deps, user.id, c.get('sessionId'), parsed.data);
    } catch (error) {
      const failure = formFailure(error, ['validation-failed', 'too-many-requests']);
      return profile(c, { errors: failure.errors, revokeTokens }, failure.status, failure.headers);
    }
    return profile(c, { passwordChanged: { tokensRevoked: revokeTokens, count: changed.tokensRevoked } });
  });

  /** "Download my data": the API's export (privacy/export-data.ts) as a file, for the signed-in browser. */
  app.get(EXPORT_PATH, pageHeaders, requireUser(deps), async (c) => {
    const data = await exportUserData(deps, c.get('user').id);
    await recordAudit(deps, { userId: c.get('user').id, actor: DASHBOARD, action: 'data.exported' });
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
      profile(c, { deleteErrors, deleteMessage: message }, status, headers);
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
    // The user's audit log goes with the user (cascade), so the server log keeps the fact: the id only.
    deps.logger.info('account deleted', { userId: user.id });
    clearSessionCookie(c, deps.config);
    return renderPage(c, <AccountDeletedPage notRevoked={notRevoked} />);
  });

  return app;
}

