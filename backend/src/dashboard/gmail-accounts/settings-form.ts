import { accountPatchSchema, type AccountPatch, type GmailAccount } from '../../../../shared/schemas/accounts';
import { GOOGLE_DAILY_LIMIT, SUGGESTED_WARMUP } from '../../../../shared/schemas/account-types';
import { toFieldErrors, type FieldErrors } from '../lib/field-errors';

export const SETTINGS_FIELDS = [
  'type',
  'dailyLimit',
  'minGapSeconds',
  'maxGapSeconds',
  'warmupOn',
  'warmupStart',
  'warmupIncrease',
  'warmupTarget',
  'timezone',
  'fromName',
  'signatureHtml',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];
/** The form as typed, so a failed save shows back exactly what was entered. */
export type SettingsValues = Record<SettingsField, string>;

const NUMBER_FIELDS = ['dailyLimit', 'minGapSeconds', 'maxGapSeconds'] as const;
/** The warm-up's form fields and the API's names for them (`warmup.startPerDay`…). */
const WARMUP_FIELDS = { warmupStart: 'startPerDay', warmupIncrease: 'increasePerDay', warmupTarget: 'targetPerDay' } as const;
const WARMUP_FIELD_OF: Record<string, SettingsField> = Object.fromEntries(Object.entries(WARMUP_FIELDS).map(([form, api]) => [`warmup.${api}`, form as SettingsField]));

/** An API or schema field name as the form's: `warmup.targetPerDay` is the "Target" box. */
export function formFieldOf(field: string): string {
  return WARMUP_FIELD_OF[field] ?? (field === 'warmup' ? 'warmupOn' : field);
}

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
    // Off: the suggested ramp (limits/warmup.ts), ready to switch on.
    warmupOn: account.warmup ? 'on' : '',
    warmupStart: String(account.warmup?.startPerDay ?? SUGGESTED_WARMUP.startPerDay),
    warmupIncrease: String(account.warmup?.increasePerDay ?? SUGGESTED_WARMUP.increasePerDay),
    warmupTarget: String(account.warmup?.targetPerDay ?? GOOGLE_DAILY_LIMIT[account.type ?? 'consumer']),
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
  const { warmupOn, warmupStart, warmupIncrease, warmupTarget, ...settings } = values;
  const input: Record<string, unknown> = { ...settings };
  // No type posted (an older form): the stored one stays.
  if (values.type === '') delete input.type;
  const readNumber = (field: SettingsField, set: (value: number) => void) => {
    const text = values[field].trim();
    if (text === '') errors[field] = 'Enter a number';
    else if (!/^-?\d{1,9}$/.test(text)) errors[field] = 'Enter a whole number';
    else set(Number(text));
  };
  for (const field of NUMBER_FIELDS) readNumber(field, (value) => (input[field] = value));
  // Unticked, the figures are kept in the form but not sent: warm-up is off.
  if (warmupOn === 'on') {
    const warmup: Record<string, number> = {};
    for (const [field, name] of Object.entries(WARMUP_FIELDS)) readNumber(field as SettingsField, (value) => (warmup[name] = value));
    input.warmup = warmup;
  } else {
    input.warmup = null;
  }
  const parsed = accountPatchSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: formFieldOf(issue.path.map(String).join('.')), message: issue.message }));
    for (const [field, message] of Object.entries(toFieldErrors(issues))) errors[field] ??= message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: parsed.data };
}
