/** @jsxImportSource hono/jsx */
import { ErrorSummary } from '../components/error-summary';
import { TextField } from '../components/text-field';
import type { FieldErrors } from '../lib/field-errors';

/** Where the download of everything stored about the user is served (profile-routes.tsx). */
export const EXPORT_PATH = '/account/export';
export const DELETE_ACCOUNT_PATH = '/account/delete';

const DELETE_FIELDS = ['deletePassword', 'confirmDelete'] as const;

/**
 * The privacy policy's "Request deletion or export of your data", kept on the Account page:
 * a download of the export and the account deletion (password and an explicit tick).
 */
export function YourDataSection({ email, errors = {}, message }: { email: string; errors?: FieldErrors; message?: string | undefined }) {
  return (
    <section aria-labelledby="your-data-title">
      <h2 id="your-data-title">Your data</h2>
      <div class="card">
        <p>
          One JSON file with everything this server keeps about you: your account and privacy settings, Gmail account settings, campaigns with
          their recipients and sending history, and your suppression list. Passwords and tokens are never included.
        </p>
        <p>
          <a class="button" href={EXPORT_PATH} download>
            Download my data
          </a>
        </p>
      </div>

      <h3 id="delete-account-title">Delete my account</h3>
      <ErrorSummary errors={errors} fields={DELETE_FIELDS} message={message} />
      <form method="post" action={DELETE_ACCOUNT_PATH} class="card" novalidate aria-labelledby="delete-account-title">
        <p>
          This deletes your account and everything in it, for good: campaigns, recipients, sending history, connected Gmail
          accounts (Google is asked to revoke iConnect's access), API tokens and your suppression list. Download your data first
          if you want a copy. Messages already sent stay in Gmail.
        </p>
        <input type="email" name="username" autocomplete="username" value={email} hidden readonly />
        <TextField name="deletePassword" label="Your password" type="password" error={errors.deletePassword} autocomplete="current-password" />
        <div class="field checkbox-field">
          <input
            type="checkbox"
            id="confirmDelete"
            name="confirmDelete"
            value="true"
            aria-invalid={errors.confirmDelete ? 'true' : undefined}
            aria-describedby={errors.confirmDelete ? 'confirmDelete-error' : undefined}
          />
          <label for="confirmDelete">I understand that my account and all its data will be deleted and cannot be recovered</label>
          {errors.confirmDelete && (
            <p class="field-error" id="confirmDelete-error">
              {errors.confirmDelete}
            </p>
          )}
        </div>
        <button type="submit" class="danger">
          Delete my account
        </button>
      </form>
    </section>
  );
}
