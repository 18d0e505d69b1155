/** @jsxImportSource hono/jsx */
import { MIN_PASSWORD_LENGTH, type User } from '../../../../shared/schemas/auth';
import type { Settings } from '../../../../shared/schemas/settings';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';
import { formatDate } from '../lib/format-date';
import { EmailSection } from './email-section';
import type { PrivacyValues } from './privacy-settings-form';
import { PrivacySettingsSection } from './privacy-settings-section';
import { YourDataSection } from './your-data-section';

export type ProfilePageProps = {
  user: User;
  errors?: FieldErrors;
  /** Set after a change: whether the API tokens were revoked with it, and how many there were. */
  passwordChanged?: { tokensRevoked: boolean; count: number };
  /** The "also revoke API tokens" box as the user left it (ticked by default). */
  revokeTokens?: boolean;
  /** The account deletion form's problems (wrong password, box not ticked, too many tries). */
  deleteErrors?: FieldErrors;
  deleteMessage?: string | undefined;
  /** The privacy settings form: the stored settings' values, or what was typed with its errors. */
  privacy: { values: PrivacyValues; errors?: FieldErrors; trackingMode: Settings['trackingMode'] };
  /** The email correction form after a failed try: what was typed, and why it failed. */
  email?: { value: string; errors: FieldErrors; message?: string | undefined };
  /** After a successful save (`?saved=` on the redirect). */
  saved?: 'privacy' | 'email' | undefined;
};

const FIELDS = ['currentPassword', 'newPassword', 'newPasswordConfirmation'] as const;

/** The account's details and the password change form. */
export function ProfilePage({ user, errors = {}, passwordChanged, revokeTokens = true, deleteErrors, deleteMessage, privacy, email, saved }: ProfilePageProps) {
  return (
    <Layout title="Account" user={user} path="/account">
      <h1>Account</h1>
      {saved === 'privacy' && (
        <Notice>
          <p>
            <strong>Your privacy settings were saved.</strong> Retention periods are applied once a day.
          </p>
        </Notice>
      )}
      {saved === 'email' && (
        <Notice>
          <p>
            <strong>Your email address was changed.</strong> Sign in with {user.email} from now on.
          </p>
        </Notice>
      )}
      {passwordChanged && (
        <Notice>
          <p>
            <strong>Your password was changed.</strong> This browser stays signed in; every other browser and device was
            signed out. {tokensNotice(passwordChanged)}
          </p>
        </Notice>
      )}
      <dl class="card details">
        <dt>Email address</dt>
        <dd>{user.email}</dd>
        <dt>Account created</dt>
        <dd>
          <time datetime={user.createdAt}>{formatDate(user.createdAt)}</time>
        </dd>
      </dl>

      <section aria-labelledby="change-password-title">
        <h2 id="change-password-title">Change password</h2>
        <ErrorSummary errors={errors} fields={FIELDS} />
        <form method="post" action="/account/password" class="card" novalidate>
          {/* Tells password managers whose password this is, so they update the right entry. */}
          <input type="email" name="username" autocomplete="username" value={user.email} hidden readonly />
          <TextField name="currentPassword" label="Current password" type="password" error={errors.currentPassword} autocomplete="current-password" />
          <TextField
            name="newPassword"
            label="New password"
            type="password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters besides spaces; not one of the most common passwords.`}
            error={errors.newPassword}
            autocomplete="new-password"
          />
          <TextField
            name="newPasswordConfirmation"
            label="Confirm new password"
            type="password"
            error={errors.newPasswordConfirmation}
            autocomplete="new-password"
          />
          <div class="field checkbox-field">
            <input type="checkbox" id="revokeTokens" name="revokeTokens" value="true" checked={revokeTokens} aria-describedby="revokeTokens-hint" />
            <label for="revokeTokens">Also sign out the extension and revoke API tokens</label>
            <p class="hint" id="revokeTokens-hint">
              A token made before the change keeps working until it is revoked. Untick to keep them.
            </p>
          </div>
          <button type="submit">Change password</button>
        </form>
      </section>

      <EmailSection currentEmail={user.email} value={email?.value} errors={email?.errors} message={email?.message} />

      <PrivacySettingsSection values={privacy.values} errors={privacy.errors} trackingMode={privacy.trackingMode} />

      <YourDataSection email={user.email} errors={deleteErrors} message={deleteMessage} />
    </Layout>
  );
}

function tokensNotice({ tokensRevoked, count }: { tokensRevoked: boolean; count: number }): string {
  if (!tokensRevoked) return 'Your API tokens still work.';
  if (count === 0) return '';
  return `${count === 1 ? 'Your API token was' : `Your ${count} API tokens were`} revoked: link the extension again.`;
}
