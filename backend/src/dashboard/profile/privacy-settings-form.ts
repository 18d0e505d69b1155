import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../../shared/schemas/settings';
import type { FieldErrors } from '../lib/field-errors';

/** The "Privacy settings" form's fields, in page order (the error summary lists them so). */
export const PRIVACY_FIELDS = [
  'trackingEventsDays',
  'ipAddressDays',
  'truncateIpAddresses',
  'deleteFinishedRecipients',
  'finishedCampaignRecipientsDays',
  'postalAddress',
] as const;
export type PrivacyField = (typeof PRIVACY_FIELDS)[number];
/** The form as typed, so a failed save shows back exactly what was entered. Checkboxes: 'true' or ''. */
export type PrivacyValues = Record<PrivacyField, string>;

/** The form's starting values: the stored settings. */
export function privacyValuesOf(settings: Settings): PrivacyValues {
  const finished = settings.retention.finishedCampaignRecipientsDays;
  return {
    trackingEventsDays: String(settings.retention.trackingEventsDays),
    ipAddressDays: String(settings.retention.ipAddressDays),
    truncateIpAddresses: settings.truncateIpAddresses ? 'true' : '',
    deleteFinishedRecipients: finished === null ? '' : 'true',
    finishedCampaignRecipientsDays: finished === null ? '' : String(finished),
    postalAddress: settings.postalAddress ?? '',
  };
}

/** The API's field names (`retention.ipAddressDays`, from the schema or the settings store) to the form's; the form sends no other. */
export function privacyFieldOf(apiField: string): PrivacyField {
  const name = apiField.replace(/^retention\./, '');
  return (PRIVACY_FIELDS as readonly string[]).includes(name) ? (name as PrivacyField) : 'postalAddress';
}

/**
 * The posted form to a settings patch, through the API's schema. Form fields are text, so numbers
 * are read here first ("ten" is "Enter a whole number of days", not a type error); an unticked box
 * is not sent at all, so its absence means off. The days of "delete recipients" count only when
 * that box is ticked.
 *
 * @example parsePrivacyForm({ ...values, ipAddressDays: '0' }) // { ok: false, errors: { ipAddressDays: 'IP addresses: at least 1 day' } }
 */
export function parsePrivacyForm(values: PrivacyValues): { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const days = (field: 'trackingEventsDays' | 'ipAddressDays' | 'finishedCampaignRecipientsDays'): number | undefined => {
    const text = values[field].trim();
    if (text === '') errors[field] = 'Enter a number of days';
    else if (!/^\d{1,9}$/.test(text)) errors[field] = 'Enter a whole number of days';
    else return Number(text);
    return undefined;
  };
  const input = {
    truncateIpAddresses: values.truncateIpAddresses === 'true',
    retention: {
      trackingEventsDays: days('trackingEventsDays'),
      ipAddressDays: days('ipAddressDays'),
      finishedCampaignRecipientsDays: values.deleteFinishedRecipients === 'true' ? days('finishedCampaignRecipientsDays') : null,
    },
    // Browsers post a textarea's line breaks as CRLF (HTML form encoding); stored with LF, as the API's clients send them.
    postalAddress: values.postalAddress.replace(/\r\n?/g, '\n'),
  };
  const parsed = settingsPatchSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = privacyFieldOf(issue.path.map(String).join('.'));
      // A number this form could not read is already reported; the schema's "expected a number" adds nothing.
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: parsed.data };
}
