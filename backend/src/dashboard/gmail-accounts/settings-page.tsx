/** @jsxImportSource hono/jsx */
import { MAX_DAILY_LIMIT, MAX_GAP_SECONDS, type GmailAccount } from '../../../../shared/schemas/accounts';
import type { User } from '../../../../shared/schemas/auth';
import { ErrorSummary } from '../components/error-summary';
import { Layout } from '../components/layout';
import type { FieldErrors } from '../lib/field-errors';
import { FormField } from '../components/form-field';
import { accountPath } from './owned-account';
import { SETTINGS_FIELDS, type SettingsValues } from './settings-form';
import { AccountTypeField } from './account-type-field';
import { DomainAuthSection } from './domain-auth-section';
import { warmupWords } from './warmup-words';

/** The zones this runtime knows: what the server will accept. (UTC is not in every runtime's list.) */
const TIME_ZONES = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

export type SettingsPageProps = {
  user: User;
  account: GmailAccount;
  values: SettingsValues;
  errors?: FieldErrors;
};

/** `/accounts/:id/settings`: how much and how fast this mailbox sends, and how its mail is signed. */
export function SettingsPage({ user, account, values, errors = {} }: SettingsPageProps) {
  const path = accountPath(account.id, 'settings');
  return (
    <Layout title={`Settings of ${account.email}`} user={user} path={path}>
      <p>
        <a href="/accounts">Back to Gmail accounts</a>
      </p>
      <h1>
        Settings of <span class="break-anywhere">{account.email}</span>
      </h1>
      <ErrorSummary errors={errors} fields={SETTINGS_FIELDS} />
      <form method="post" action={path} class="card" novalidate>
        <AccountTypeField email={account.email} value={values.type} error={errors.type} />
        <FormField
          name="dailyLimit"
          label="Daily limit"
          hint={`Most messages sent in any 24 hours, from 1 to ${MAX_DAILY_LIMIT}. Google allows about 500 a day from a gmail.com address or a Workspace trial and 2,000 from Google Workspace, and more is refused; stay below, so your own mail still goes out.`}
          error={errors.dailyLimit}
          control={(a) => <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAILY_LIMIT} step={1} value={values.dailyLimit} required />}
        />
        <fieldset class="gap-fields">
          <legend>Gap between two messages, in seconds</legend>
          <p class="hint">Each wait is picked at random between the two, so sending does not look automated.</p>
          <FormField
            name="minGapSeconds"
            label="Shortest gap"
            error={errors.minGapSeconds}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={0} max={MAX_GAP_SECONDS} step={1} value={values.minGapSeconds} required />}
          />
          <FormField
            name="maxGapSeconds"
            label="Longest gap"
            error={errors.maxGapSeconds}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={0} max={MAX_GAP_SECONDS} step={1} value={values.maxGapSeconds} required />}
          />
        </fieldset>
        <fieldset class="gap-fields" aria-describedby="warmup-hint">
          <legend>Warm-up</legend>
          <p class="hint" id="warmup-hint">
            For a new mailbox: start low and send a little more each day, as a person would, until the target (never above the daily limit). Day 0 is the day you
            switch it on; each day is 24 hours from then.
          </p>
          {warmupWords(account) && (
            <p data-testid="warmup-status">
              <strong>{warmupWords(account)}</strong>
            </p>
          )}
          <div class={errors.warmupOn ? 'field checkbox-field field-invalid' : 'field checkbox-field'}>
            <input type="checkbox" id="warmupOn" name="warmupOn" value="on" checked={values.warmupOn === 'on'} />
            <label for="warmupOn">Warm this account up</label>
            {errors.warmupOn && <p class="field-error">{errors.warmupOn}</p>}
          </div>
          <FormField
            name="warmupStart"
            label="Messages a day at the start"
            error={errors.warmupStart}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAILY_LIMIT} step={1} value={values.warmupStart} />}
          />
          <FormField
            name="warmupIncrease"
            label="More each day"
            error={errors.warmupIncrease}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={0} max={MAX_DAILY_LIMIT} step={1} value={values.warmupIncrease} />}
          />
          <FormField
            name="warmupTarget"
            label="Target a day"
            hint="At most Google's limit for this type of account."
            error={errors.warmupTarget}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAILY_LIMIT} step={1} value={values.warmupTarget} />}
          />
        </fieldset>
        <FormField
          name="timezone"
          label="Time zone"
          hint="The day of this mailbox: sending windows and daily counts follow it. A name such as Europe/Paris."
          error={errors.timezone}
          control={(a) => <input {...a} type="text" list="time-zones" autocomplete="off" spellcheck={false} value={values.timezone} required />}
        />
        <datalist id="time-zones">
          {TIME_ZONES.map((zone) => (
            <option value={zone} />
          ))}
        </datalist>
        <FormField
          name="fromName"
          label="From name"
          hint="The name recipients see beside the address. One line, at most 100 characters. Leave empty for the address alone."
          error={errors.fromName}
          control={(a) => <input {...a} type="text" autocomplete="off" maxlength={100} value={values.fromName} />}
        />
        <FormField
          name="signatureHtml"
          label="Signature (HTML)"
          hint="Added below each message of your campaigns. At most 10,000 characters."
          error={errors.signatureHtml}
          control={(a) => (
            <textarea {...a} rows={6} spellcheck={false}>
              {values.signatureHtml}
            </textarea>
          )}
        />
        <div class="actions">
          <button type="submit">Save settings</button>
          <a href="/accounts">Cancel</a>
        </div>
      </form>
      {account.domainAuth && <DomainAuthSection auth={account.domainAuth} />}
    </Layout>
  );
}
