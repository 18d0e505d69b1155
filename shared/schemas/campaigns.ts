import * as z from 'zod';
import { timeZoneSchema } from './accounts';
import { bodyText, nameText } from './text';
import { FOLLOW_UP_CONDITIONS } from './follow-up-conditions';
import { subjectSchema as subjectText } from './subject';
import { abDecisionSchema, abTestSchema, followUpVariantsSchema, variantsSchema } from './variants';
import { uncertainMessageSchema } from './uncertain-messages';

/**
 * A campaign as the API and the extension exchange it. Everything is editable in draft; after
 * launch only follow-up steps that have not started yet may change (see `campaign-editability.ts`).
 */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

const clockTime = (label: string, allow24 = false) =>
  z
    .string()
    .regex(allow24 ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, `${label}: use HH:MM, 24-hour${allow24 ? ' (24:00 allowed)' : ''}`);

/**
 * Send in each recipient's time zone (issue 18): a recipient field (an imported column, as its
 * header is written) holding an IANA zone or a UTC offset (backend/src/schedule/recipient-zone.ts
 * says which values count); null or absent: everyone in the campaign's `timezone`.
 */
const recipientTimeZoneFieldSchema = nameText({ trim: true })
  .min(1, 'Pick the time zone column, or none')
  .max(200, 'At most 200 characters')
  .nullable();

export const scheduleSchema = z
  .object({
    /** null: as soon as launched (within the window). */
    startAt: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time, e.g. 2026-03-02T09:00:00Z' }).nullable().default(null),
    timezone: timeZoneSchema,
    /** ISO weekdays, Monday = 1. */
    days: z
      .array(z.number().int().min(1, 'Days are 1 (Monday) to 7 (Sunday)').max(7, 'Days are 1 (Monday) to 7 (Sunday)'))
      .min(1, 'Pick at least one day')
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    window: z
      .object({ start: clockTime('Start'), end: clockTime('End', true) })
      .refine((w) => w.start < w.end, { message: 'The sending window must end after it starts', path: ['end'] }),
    /** The days and hours above then apply in each recipient's own zone; a missing or invalid value: `timezone`. */
    recipientTimeZoneField: recipientTimeZoneFieldSchema.optional(),
  })
  .strict();
export type Schedule = z.infer<typeof scheduleSchema>;

export const throttleSchema = z
  .object({
    minGapSeconds: z.number().int().min(0).max(86_400).optional(),
    maxGapSeconds: z.number().int().min(0).max(86_400).optional(),
    dailyCap: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .refine((t) => t.minGapSeconds === undefined || t.maxGapSeconds === undefined || t.maxGapSeconds >= t.minGapSeconds, {
    message: 'The longest gap cannot be shorter than the shortest gap',
    path: ['maxGapSeconds'],
  });
export type Throttle = z.infer<typeof throttleSchema>;

const subjectSchema = subjectText();

export { FOLLOW_UP_CONDITIONS } from './follow-up-conditions';

export const followUpSchema = z
  .object({
    delayHours: z.number().min(0, 'The delay cannot be negative').max(24 * 365, 'At most a year'),
    /** null: the same thread, "Re: " + the campaign's subject. */
    subject: subjectSchema.nullable().default(null),
    html: bodyText().min(1, 'Write the follow-up').max(500_000),
    condition: z.enum(FOLLOW_UP_CONDITIONS).default('no_reply'),
    /** A/B variants of this follow-up (shared/schemas/variants.ts): none, or 2–5; the first is its own subject and body. */
    variants: followUpVariantsSchema.default([]),
  })
  .strict()
  // A follow-up is always written whole: variant A is its own subject and body.
  .transform((step) => (step.variants.length > 0 ? { ...step, subject: step.variants[0]!.subject, html: step.variants[0]!.html } : step));
export type FollowUp = z.infer<typeof followUpSchema>;
/** A follow-up as stored: rows written before variants have none. */
export type StoredFollowUp = Omit<FollowUp, 'variants'> & { variants?: FollowUp['variants'] };

/**
 * Opens and clicks. `consentField`: a recipient field (an imported column, as its header is
 * written) whose value must mean yes (shared/lib/tracking-consent.ts) for that recipient to get the
 * pixel and tracked links; null: everyone (unless the server runs with TRACKING=consent or off).
 */
const consentFieldSchema = nameText({ trim: true }).min(1, 'Pick the consent column, or none').max(200, 'At most 200 characters').nullable();
export const trackingSettingsSchema = z
  .object({ opens: z.boolean(), clicks: z.boolean(), consentField: consentFieldSchema.default(null) })
  .strict();
export type TrackingSettings = z.output<typeof trackingSettingsSchema>;
/** In a PATCH, an absent `consentField` leaves it as it is (a panel that does not know it cannot clear it). */
const trackingPatchSchema = z.object({ opens: z.boolean(), clicks: z.boolean(), consentField: consentFieldSchema.optional() }).strict();

/**
 * Per-recipient files (issue 18): a recipient field (an imported column, as its header is written)
 * whose value names one of the campaign's files; null: none (backend/src/attachments/recipient-files.ts).
 */
const attachmentFieldSchema = nameText({ trim: true }).min(1, 'Pick the column naming each file, or none').max(200, 'At most 200 characters').nullable();

export const campaignInputSchema = z
  .object({
    name: nameText({ trim: true }).min(1, 'Name the campaign').max(200),
    subject: subjectSchema.default(''),
    html: bodyText().max(500_000, 'The body is over 500,000 characters').default(''),
    text: bodyText().max(500_000).nullable().default(null),
    accountIds: z.array(z.string()).max(50).default([]),
    schedule: scheduleSchema.partial().strict().optional(),
    throttle: throttleSchema.default({}),
    tracking: trackingSettingsSchema.default({ opens: true, clicks: true, consentField: null }),
    unsubscribe: z.boolean().default(true),
    followUps: z.array(followUpSchema).max(10, 'At most 10 follow-ups').default([]),
    attachmentField: attachmentFieldSchema.default(null),
    /** A/B variants of the first message: none, or 2–5; when given, the first is written to `subject` and `html`. */
    variants: variantsSchema.default([]),
    /** Pick a winner after a test share (shared/schemas/variants.ts); null: split everyone. */
    abTest: abTestSchema.nullable().default(null),
  })
  .strict();
export type CampaignInput = z.input<typeof campaignInputSchema>;

/** PATCH: any subset of the fields, with `version` for optimistic concurrency (the extension's sync). */
export const campaignPatchSchema = z
  .object({
    name: nameText({ trim: true }).min(1, 'Name the campaign').max(200),
    subject: subjectSchema,
    html: bodyText().max(500_000),
    text: bodyText().max(500_000).nullable(),
    accountIds: z.array(z.string()).max(50),
    schedule: scheduleSchema.partial().strict(),
    throttle: throttleSchema,
    tracking: trackingPatchSchema,
    unsubscribe: z.boolean(),
    followUps: z.array(followUpSchema).max(10, 'At most 10 follow-ups'),
    attachmentField: attachmentFieldSchema,
    /** Replaces the list; `subject` or `html` alone edit variant A. */
    variants: variantsSchema,
    abTest: abTestSchema.nullable(),
    /** When sent, the change applies only if the campaign is still at this version (else 409). */
    version: z.number().int().min(1),
  })
  .partial()
  .strict();
export type CampaignPatch = z.input<typeof campaignPatchSchema>;

/**
 * `POST /api/campaigns/:id/duplicate`: `recipients: true` copies the recipients as new, unsent
 * ones (addresses and fields only); absent or false, the campaign alone, as before.
 */
export const campaignDuplicateSchema = z.object({ recipients: z.boolean().default(false) }).strict().default({ recipients: false });
export type CampaignDuplicate = z.input<typeof campaignDuplicateSchema>;

export const recipientCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  replied: z.number().int(),
  bounced: z.number().int(),
  unsubscribed: z.number().int(),
  failed: z.number().int(),
});

const jobCountsSchema = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  uncertain: z.number().int(),
  cancelled: z.number().int(),
});

/** Where a launched campaign stands (on `GET /api/campaigns/:id`). */
/**
 * Why a launched campaign sends nothing now, and until when (ISO): its start time is ahead, its
 * sending hours are closed, its accounts or cap are at their daily limit, or only follow-ups not
 * yet due are left, or the rest wait for the A/B test's winner, `until` then the expected decision
 * (backend/src/campaigns/campaign-waiting.ts).
 */
export const waitingReasonSchema = z.enum(['outside-hours', 'before-start', 'daily-limit', 'follow-up-delay', 'ab-test']);
export type WaitingReason = z.infer<typeof waitingReasonSchema>;
export const campaignWaitingSchema = z.object({ reason: waitingReasonSchema, until: z.string() });
export type CampaignWaiting = z.infer<typeof campaignWaitingSchema>;

export const campaignProgressSchema = z.object({
  jobs: jobCountsSchema,
  steps: z.array(z.object({ step: z.number().int(), sent: z.number().int(), queued: z.number().int() })),
  accounts: z.array(
    z.object({ id: z.string(), email: z.string(), status: z.string(), sent: z.number().int(), sentLast24h: z.number().int(), dailyLimit: z.number().int() }),
  ),
  expectedFinishAt: z.string().nullable(),
  /** null: sending now, or not launched. Optional: an older server does not say. */
  waiting: campaignWaitingSchema.nullable().optional(),
  lastErrors: z.array(z.object({ recipient: z.string(), step: z.number().int(), status: z.string(), reason: z.string() })),
  /** Messages that may have gone out and wait for the user's answer (uncertain-messages.ts). Optional: an older server does not say. */
  uncertainMessages: z.array(uncertainMessageSchema).optional(),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string().nullable(),
  accountIds: z.array(z.string()),
  schedule: scheduleSchema,
  throttle: throttleSchema,
  /** `consentField` optional: an older server does not say (then there is none). */
  tracking: z.object({ opens: z.boolean(), clicks: z.boolean(), consentField: z.string().nullable().optional() }),
  unsubscribe: z.boolean(),
  followUps: z.array(followUpSchema),
  /** The field naming each recipient's own file; null: none. Optional: an older server does not say. */
  attachmentField: z.string().nullable().optional(),
  /** A/B variants of the first message ([] or 2–5, the first = subject and html). Optional: an older server does not say. */
  variants: variantsSchema.optional(),
  abTest: abTestSchema.nullable().optional(),
  /** The A/B test's decision once made; null: not (yet). */
  abDecision: abDecisionSchema.nullable().optional(),
  status: campaignStatusSchema,
  statusReason: z.string().nullable(),
  /** Merge fields available from imported recipients, headers as the user wrote them. */
  fields: z.array(z.string()),
  counts: recipientCountsSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  launchedAt: z.string().nullable(),
  /** When the retention job deleted this finished campaign's recipients; null or absent: they are kept. */
  recipientsDeletedAt: z.string().nullable().optional(),
  progress: campaignProgressSchema.optional(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** `GET /api/campaigns`: the user's campaigns, newest first. */
export const campaignListSchema = z.object({ campaigns: z.array(campaignSchema) });
