/** @jsxImportSource hono/jsx */
import { ACCOUNT_TYPE_LABELS as LABELS, GOOGLE_DAILY_LIMIT, type AccountType } from '../../../../shared/schemas/account-types';
import { FormField } from '../components/form-field';
import { isConsumerGmailAddress } from '../../limits/account-types';

const count = (n: number) => new Intl.NumberFormat('en').format(n);

/**
 * The account type on the settings form: which of Google's daily limits applies
 * (limits/account-types.ts). A gmail.com address can only be consumer, so it is stated, not asked;
 * an address on its own domain picks Workspace or a Workspace trial.
 */
export function AccountTypeField({ email, value, error }: { email: string; value: string; error?: string | undefined }) {
  if (isConsumerGmailAddress(email)) {
    return (
      <div class="field">
        <input type="hidden" name="type" value="consumer" />
        <p>
          Account type: {LABELS.consumer} (Google allows about {count(GOOGLE_DAILY_LIMIT.consumer)} recipients a day).
        </p>
      </div>
    );
  }
  const options: AccountType[] = ['workspace', 'workspace_trial'];
  return (
    <FormField
      name="type"
      label="Account type"
      hint={`Google allows ${count(GOOGLE_DAILY_LIMIT.workspace)} messages a day from Google Workspace, ${count(GOOGLE_DAILY_LIMIT.workspace_trial)} during its trial; the daily limit below must fit the type.`}
      error={error}
      control={(a) => (
        <select {...a}>
          {options.map((type) => (
            <option value={type} selected={value === type}>
              {LABELS[type]} (about {count(GOOGLE_DAILY_LIMIT[type])} a day)
            </option>
          ))}
        </select>
      )}
    />
  );
}
