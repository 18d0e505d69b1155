import { accountPatchSchema, type AccountPatch, type GmailAccount } from '../../../../shared/schemas/accounts';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';

export const SETTINGS_FIELDS = ['type', 'dailyLimit', 'minGapSeconds', 'maxGapSeconds', 'timezone', 'fromName', 'signatureHtml'] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];
/** The form as typed, so a failed save shows back exactly what was entered. */
export type SettingsValues = Record<SettingsField, string>;

const NUMBER_FIELDS = ['dailyLimit', 'minGapSeconds', 'maxGapSeconds'] as const;

/** The form's starting values: the account's current settings. */
export function settingsValuesOf(account: GmailAccount): SettingsValues {
  return {
    type: account.type ?? '',
    dailyLimit: String(account.dailyLimit),
    minGapSeconds: String(account.minGapSeconds),
    maxGapSeconds: String(account.maxGapSeconds),
    timezone: account.timezone,
    fromName: account.fromName,
    signatureHtml: account.signatureHtml,
  };
}

/**
 * The posted form to a settings patch, through the same schema as the API. Form fields are text,
 * so numbers are read here first: "12.5" or "ten" is "Enter a whole number", not a type error.
 *
 * @example parseSettingsForm({ ...values, dailyLimit: '2001' }) // { ok: false, errors: { dailyLimit: 'At most 2000 …' } }
 */
export function parseSettingsForm(values: SettingsValues): { ok: true; patch: AccountPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: Record<string, string | number> = { ...values };
  // No type posted (an older form): the stored one stays.
  if (values.type === '') delete input.type;
  for (const field of NUMBER_FIELDS) {
    const text = values[field].trim();
    if (text === '') errors[field] = 'Enter a number';
    else if (!/^-?\d{1,9}$/.test(text)) errors[field] = 'Enter a whole number';
    else input[field] = Number(text);
  }
  const parsed = accountPatchSchema.safeParse(input);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(toFieldErrors(parsed.error.issues))) errors[field] ??= message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: parsed.data };
}
