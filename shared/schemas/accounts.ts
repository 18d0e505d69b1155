import * as z from 'zod';
import { isValidTimeZone } from '../lib/time-zone';
import { bodyText, singleLineText } from './text';
import { ACCOUNT_TYPES, type AccountType } from './account-types';

/** Google's own daily sending ceiling for Workspace accounts; no account may be set above it. */
export const MAX_DAILY_LIMIT = 2000;
export const MAX_GAP_SECONDS = 24 * 3600;

export const GMAIL_SCOPES = {
  send: 'https://www.googleapis.com/auth/gmail.send',
  readonly: 'https://www.googleapis.com/auth/gmail.readonly',
} as const;

/**
 * Which of Google's daily limits applies: consumer Gmail (about 500 recipients a day), Google
 * Workspace (2,000) or a Workspace trial (500). backend/src/limits/account-types.ts holds the rule.
 */
export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
export type { AccountType };

export const accountStatusSchema = z.enum(['ok', 'needs_reconnect']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const timeZoneSchema = z.string().refine(isValidTimeZone, 'Use an IANA time zone such as "Europe/Paris"');

/**
 * The account's Gmail API quota over the last rolling minute, as this server's engine counts it
 * (every call it made for the account, sends and reads): `unitsPerMinute` is the budget the operator
 * set (GMAIL_QUOTA_UNITS_PER_USER_MINUTE), null when the budget is switched off.
 */
export const accountQuotaSchema = z.object({
  unitsLastMinute: z.number().int().min(0),
  unitsPerMinute: z.number().int().positive().nullable(),
});
export type AccountQuota = z.infer<typeof accountQuotaSchema>;

/** One sender-authentication check of an account's own domain (backend/src/accounts/domain-auth.ts). */
export const domainAuthCheckSchema = z.object({
  status: z.enum(['pass', 'missing', 'invalid', 'unknown']),
  /** In words for the user; says what to add when something is missing. */
  reason: z.string(),
});
export type DomainAuthCheck = z.infer<typeof domainAuthCheckSchema>;

/** SPF, DKIM and DMARC of the account's domain, as looked up in DNS at `checkedAt` (ISO). */
export const domainAuthSchema = z.object({
  domain: z.string(),
  spf: domainAuthCheckSchema,
  dkim: domainAuthCheckSchema,
  dmarc: domainAuthCheckSchema,
  checkedAt: z.string(),
});
export type DomainAuth = z.infer<typeof domainAuthSchema>;

/**
 * A warm-up ramp (issue 18; backend/src/limits/warmup.ts holds the rule): on day N after it was
 * switched on the account sends at most min(target, start + N × increase, its daily limit) over
 * a rolling 24 hours.
 */
export const warmupSchema = z
  .object({
    startPerDay: z.number().int('Use a whole number').min(1, 'At least 1').max(MAX_DAILY_LIMIT, `At most ${MAX_DAILY_LIMIT}`),
    increasePerDay: z.number().int('Use a whole number').min(0, 'At least 0').max(MAX_DAILY_LIMIT, `At most ${MAX_DAILY_LIMIT}`),
    targetPerDay: z.number().int('Use a whole number').min(1, 'At least 1').max(MAX_DAILY_LIMIT, `At most ${MAX_DAILY_LIMIT} (Google's own limit)`),
  })
  .strict()
  .refine((ramp) => ramp.startPerDay <= ramp.targetPerDay, { path: ['startPerDay'], message: 'The start cannot be above the target' });
export type Warmup = z.infer<typeof warmupSchema>;


export const gmailAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** Optional: an older server does not say. */
  type: accountTypeSchema.optional(),
  status: accountStatusSchema,
  /** Why the account needs attention, in words for the user. */
  statusReason: z.string().nullable(),
  dailyLimit: z.number().int(),
  minGapSeconds: z.number().int(),
  maxGapSeconds: z.number().int(),
  timezone: z.string(),
  fromName: z.string(),
  signatureHtml: z.string(),
  /** The DKIM selector set on the account; null: Google's default, `google`. */
  dkimSelector: z.string().nullable().optional(),
  sentLast24h: z.number().int(),
  /** The warm-up ramp; null: off (the daily limit applies as set). Optional: an older server does not say. */
  warmup: warmupSchema.nullable().optional(),
  /** The daily limit that applies now (the warm-up's figure for today, or the daily limit); absent in the data export. */
  effectiveDailyLimit: z.number().int().optional(),
  /** The day of the warm-up ramp now (0: the day it was switched on); null: warm-up is off; absent in the data export. */
  warmupDay: z.number().int().min(0).nullable().optional(),
  /** What the user granted: `gmail.send` always; `gmail.readonly` when replies and bounces are detected. */
  scopes: z.array(z.string()),
  detectsReplies: z.boolean(),
  createdAt: z.string(),
  /** In every /api/accounts answer; absent where a rolling minute means nothing (the data export). */
  quota: accountQuotaSchema.optional(),
  /**
   * `GET /api/accounts/:id` only: the domain's SPF, DKIM and DMARC; null for gmail.com /
   * googlemail.com accounts (Google authenticates those itself).
   */
  domainAuth: domainAuthSchema.nullable().optional(),
});
export type GmailAccount = z.infer<typeof gmailAccountSchema>;

export const accountListSchema = z.object({ accounts: z.array(gmailAccountSchema) });
export type AccountList = z.infer<typeof accountListSchema>;

export const accountPatchSchema = z
  .object({
    /** gmail.com / googlemail.com addresses are consumer; others workspace or workspace_trial (checked against the address). */
    type: accountTypeSchema,
    dailyLimit: z.number().int('Use a whole number').min(1, 'At least 1').max(MAX_DAILY_LIMIT, `At most ${MAX_DAILY_LIMIT} (Google's own limit)`),
    minGapSeconds: z.number().int('Use whole seconds').min(0, 'At least 0').max(MAX_GAP_SECONDS, 'At most one day'),
    maxGapSeconds: z.number().int('Use whole seconds').min(0, 'At least 0').max(MAX_GAP_SECONDS, 'At most one day'),
    timezone: timeZoneSchema,
    /** A header value must stay on one line: CR or LF in a display name would inject headers. */
    fromName: singleLineText({ trim: true, lineBreak: 'Use a single line' }).max(100, 'Use at most 100 characters'),
    signatureHtml: bodyText().max(10_000, 'Use at most 10,000 characters'),
    /**
     * The DKIM selector the domain's admin chose (Google Admin console > Authenticate email), when not
     * Google's default `google`: the DNS name part before `._domainkey` (RFC 6376 §3.1). null: the default.
     */
    dkimSelector: z
      .string()
      .trim()
      .toLowerCase()
      .max(63, 'Use at most 63 characters')
      .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'A selector is letters, digits and hyphens, as in a DNS name')
      .nullable(),
    /** The warm-up ramp; null switches it off. Switching it on starts day 0 now; changing the figures keeps the day. */
    warmup: warmupSchema.nullable(),
  })
  .partial()
  .strict();
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const connectQuerySchema = z.object({
  /** Keep on to detect replies and bounces (asks for gmail.readonly); off asks only to send. */
  detectReplies: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  loginHint: z.string().email().optional(),
  timezone: timeZoneSchema.optional(),
});

export const disconnectResultSchema = z.object({
  /** false when Google could not be told; the user should then remove access in their Google account. */
  revokedAtGoogle: z.boolean(),
});
export type DisconnectResult = z.infer<typeof disconnectResultSchema>;
