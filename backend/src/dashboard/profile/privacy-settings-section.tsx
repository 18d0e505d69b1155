/** @jsxImportSource hono/jsx */
import { DEFAULT_RETENTION, type Settings } from '../../../../shared/schemas/settings';
import { ErrorSummary } from '../components/error-summary';
import { FormField } from '../components/form-field';
import type { FieldErrors } from '../lib/field-errors';
import { PRIVACY_FIELDS, type PrivacyValues } from './privacy-settings-form';

export const PRIVACY_SETTINGS_PATH = '/account/privacy';

const MAX_DAYS = 3_650;
const count = (n: number) => new Intl.NumberFormat('en').format(n);

/**
 * "Privacy settings" on the Account page: how long tracking data is kept (privacy/retention/ applies
 * it daily), whether IP addresses are truncated, whether recipients of finished campaigns are
 * deleted, and the postal address printed in every footer (sending/message/footers.ts).
 */
export function PrivacySettingsSection({
  values,
  errors = {},
  trackingMode,
}: {
  values: PrivacyValues;
  errors?: FieldErrors;
  trackingMode: Settings['trackingMode'];
}) {
  return (
    <section aria-labelledby="privacy-settings-title">
      <h2 id="privacy-settings-title">Privacy settings</h2>
      {trackingMode === 'off' && <p>Tracking is off on this server: messages carry no pixel and their links are left as they are.</p>}
      {trackingMode === 'consent' && (
        <p>On this server, opens and clicks are tracked only for recipients whose campaign consent column says yes.</p>
      )}
      <ErrorSummary errors={errors} fields={PRIVACY_FIELDS} />
      <form method="post" action={PRIVACY_SETTINGS_PATH} class="card" novalidate aria-labelledby="privacy-settings-title">
        <fieldset>
          <legend>Tracking data</legend>
          <p class="hint">The opens, clicks, replies, bounces and unsubscribes of your recipients, with the IP address and browser of each open or click.</p>
          <FormField
            name="trackingEventsDays"
            label="Delete tracking events after this many days"
            hint={`${count(DEFAULT_RETENTION.trackingEventsDays)} days (13 months) unless you change it; from 1 to ${count(MAX_DAYS)}.`}
            error={errors.trackingEventsDays}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAYS} step={1} value={values.trackingEventsDays} required />}
          />
          <FormField
            name="ipAddressDays"
            label="Remove IP addresses from kept events after this many days"
            hint={`${count(DEFAULT_RETENTION.ipAddressDays)} days unless you change it; at most as long as the events themselves.`}
            error={errors.ipAddressDays}
            control={(a) => <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAYS} step={1} value={values.ipAddressDays} required />}
          />
          <Checkbox
            name="truncateIpAddresses"
            checked={values.truncateIpAddresses === 'true'}
            label="Store only part of each IP address"
            hint="Keeps the first three numbers of an IPv4 address (/24) and the first 48 bits of an IPv6 one: a rough location, not one household."
            error={errors.truncateIpAddresses}
          />
        </fieldset>
        <fieldset>
          <legend>Recipients of finished campaigns</legend>
          <p class="hint">Kept unless you tick the box: a completed or cancelled campaign keeps its recipient list.</p>
          <Checkbox
            name="deleteFinishedRecipients"
            checked={values.deleteFinishedRecipients === 'true'}
            label="Delete the recipients of finished campaigns"
            hint="Their addresses, fields, sending history and tracking events are deleted once the campaign has been finished for the number of days below."
            error={errors.deleteFinishedRecipients}
          />
          <FormField
            name="finishedCampaignRecipientsDays"
            label="Days after the campaign finished"
            hint={`Used only when the box above is ticked; from 1 to ${count(MAX_DAYS)}.`}
            error={errors.finishedCampaignRecipientsDays}
            control={(a) => (
              <input {...a} type="number" inputmode="numeric" min={1} max={MAX_DAYS} step={1} value={values.finishedCampaignRecipientsDays} required={false} />
            )}
          />
        </fieldset>
        <FormField
          name="postalAddress"
          label="Your postal address"
          hint="Printed beside the unsubscribe link of every campaign message: commercial mail must carry the sender's postal address (CAN-SPAM in the US, and similar laws elsewhere). Up to 6 lines of 100 characters. Leave it empty to print none."
          error={errors.postalAddress}
          control={(a) => (
            <textarea {...a} rows={4} maxlength={500} autocomplete="street-address">
              {values.postalAddress}
            </textarea>
          )}
        />
        <button type="submit">Save privacy settings</button>
      </form>
    </section>
  );
}

function Checkbox({ name, checked, label, hint, error }: { name: string; checked: boolean; label: string; hint: string; error?: string | undefined }) {
  const describedBy = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="field checkbox-field">
      <input type="checkbox" id={name} name={name} value="true" checked={checked} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
      <label for={name}>{label}</label>
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
