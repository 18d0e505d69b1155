import * as z from 'zod';
import { preflightAttachmentsSchema, recipientAttachmentSchema } from './attachments';
import { TEST_SEND_MAX_TO } from './test-send-limits';

/**
 * What the user checks before launching: `GET /api/campaigns/:id/preview`, `GET …/preflight` and
 * `POST …/test` (backend/src/campaigns/preview.ts, preflight.ts, backend/src/sending/test-send.ts).
 * Objects are not strict: a field a newer server adds does not break an older side panel.
 */

/** The most follow-ups a campaign has (shared/schemas/campaigns.ts caps the list at 10). */
const MAX_STEP = 10;

/**
 * `GET /api/campaigns/:id/preview?recipient=&step=`: `recipient` a `rcp_` id or a 0-based position;
 * `step` 0 (the default) the first message, N the Nth follow-up.
 */
export const previewQuerySchema = z
  .object({
    recipient: z.string().max(40).optional(),
    step: z
      .string()
      .regex(/^\d{1,2}$/, 'Use 0 for the first message or a follow-up number')
      .transform(Number)
      .refine((step) => step <= MAX_STEP, `At most ${MAX_STEP} follow-ups`)
      .optional(),
    /** The step's A/B variant: 0 (the default, "A") to 4. A step without variants has only 0. */
    variant: z.string().regex(/^[0-4]$/, 'Use a variant number from 0 (A) to 4 (E)').transform(Number).optional(),
  });

/** One step's message as one recipient will get it. */
export const previewSchema = z.object({
  /** null when the campaign has no recipients yet: rendered with no fields. */
  recipient: z.object({ id: z.string(), email: z.string() }).nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** Merge fields with no value and no fallback for this recipient. */
  missing: z.array(z.string()),
  /** The step shown: 0 the first message, N the Nth follow-up. Optional: an older server does not say. */
  step: z.number().int().optional(),
  /**
   * The signature the sender appends after the body (backend/src/sending/message/footers.ts), of
   * the campaign's first sending account; null: no account picked, or its signature is empty.
   */
  signature: z.object({ account: z.string(), html: z.string() }).nullable().optional(),
  /**
   * The files this recipient's message carries (shared ones and their own); `missingFile`: the name
   * their attachment field holds when the campaign has no such file (they would be skipped). Optional: an older server does not say.
   */
  attachments: z.array(recipientAttachmentSchema).optional(),
  missingFile: z.string().nullable().optional(),
  /** The variant shown and how many the step has (1: no A/B variants). Optional: an older server does not say. */
  variant: z.number().int().optional(),
  variantCount: z.number().int().optional(),
});
export type Preview = z.infer<typeof previewSchema>;

export const preflightBlockerSchema = z.object({ code: z.string(), message: z.string() });
export type PreflightBlocker = z.infer<typeof preflightBlockerSchema>;

/** Something the user should know before launching that does not stop it (e.g. `bulk-sender`), in the blockers' shape. */
export const preflightWarningSchema = z.object({ code: z.string(), message: z.string() });
export type PreflightWarning = z.infer<typeof preflightWarningSchema>;

/**
 * `POST /api/campaigns/:id/launch`. `followUpsWithoutReplyCheck`: the user's explicit "send
 * follow-ups to everyone" for a "stop on reply" follow-up from an account that may not read its
 * mailbox (gmail.send only), where replies cannot be seen; without it such a launch is refused.
 */
export const launchRequestSchema = z
  .object({ allowBlank: z.boolean().default(false), followUpsWithoutReplyCheck: z.boolean().default(false) })
  .strict()
  .default({ allowBlank: false, followUpsWithoutReplyCheck: false });
export type LaunchOptions = z.output<typeof launchRequestSchema>;

/** `GET /api/campaigns/:id/preflight?allowBlank=&followUpsWithoutReplyCheck=`: what the launch with the same options would do. */
export const preflightQuerySchema = z.object({
  allowBlank: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  followUpsWithoutReplyCheck: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const missingFieldsRecipientSchema = z.object({ id: z.string(), email: z.string(), fields: z.array(z.string()) });
export type MissingFieldsRecipient = z.infer<typeof missingFieldsRecipientSchema>;

/**
 * Where a missing field's tags are, as the user finds them: 'subject', 'body', 'link: <url as
 * written>', 'follow-up N subject', 'follow-up N body' (N from 1); a follow-up's links are
 * 'follow-up N link: <url>'. A step with A/B variants names the variant: 'Variant B subject', 'follow-up N variant B body'.
 */
export const missingFieldPlacesSchema = z.object({ field: z.string(), places: z.array(z.string()) });
export type MissingFieldPlaces = z.infer<typeof missingFieldPlacesSchema>;

/** When a launch now would send (backend/src/campaigns/preflight-timing.ts). */
export const preflightTimingSchema = z.object({ firstSendAt: z.string(), lastFirstMessageAt: z.string(), lastMessageAt: z.string() });
export type PreflightTiming = z.infer<typeof preflightTimingSchema>;

/** The kinds of address list hygiene finds (backend/src/campaigns/list-hygiene.ts). */
export const listHygieneKindSchema = z.enum(['noMailDomain', 'disposable', 'role', 'typo', 'unknown']);
export type ListHygieneKind = z.infer<typeof listHygieneKindSchema>;

/** How many addresses of one kind, with up to three examples ("ann@gmial.com -> gmail.com" for a typo). */
export const listHygieneCountSchema = z.object({ count: z.number().int().min(0), examples: z.array(z.string()) });

/**
 * The recipients the preflight would send to, sorted by what will likely not reach a person: a
 * domain that receives no mail, a disposable domain, a role address, a typo of a big provider, or a
 * domain DNS could not answer for. Warnings, never blockers.
 */
export const listHygieneSchema = z.object({
  noMailDomain: listHygieneCountSchema,
  disposable: listHygieneCountSchema,
  role: listHygieneCountSchema,
  typo: listHygieneCountSchema,
  unknown: listHygieneCountSchema,
});
export type ListHygiene = z.infer<typeof listHygieneSchema>;

/** `POST /api/campaigns/:id/recipients/skip-hygiene`: remove the pending recipients of these kinds. */
export const skipHygieneRequestSchema = z.object({ kinds: z.array(listHygieneKindSchema).min(1, 'Pick at least one kind').max(5) }).strict();
export type SkipHygieneRequest = z.infer<typeof skipHygieneRequestSchema>;
export const skipHygieneResultSchema = z.object({ removed: z.number().int().min(0) });
export type SkipHygieneResult = z.infer<typeof skipHygieneResultSchema>;

/**
 * Who will be tracked (backend/src/tracking/tracking-decision.ts): `mode` the server's TRACKING;
 * `tracked` of the `sendable` recipients get the pixel and tracked links (the others the same
 * message, untracked); `consentField` the campaign's, `optedOut` those who asked not to be tracked.
 * `tracked` is 0 when the campaign counts neither opens nor clicks.
 */
export const preflightTrackingSchema = z.object({
  mode: z.enum(['on', 'consent', 'off']),
  consentField: z.string().nullable(),
  tracked: z.number().int().min(0),
  /** Of the sendable recipients: no yes in the consent field. */
  withoutConsent: z.number().int().min(0),
  optedOut: z.number().int().min(0),
});
export type PreflightTracking = z.infer<typeof preflightTrackingSchema>;

/**
 * Send in each recipient's time zone (issue 18; backend/src/campaigns/preflight-zones.ts): of the
 * sendable recipients, `fallback` have no valid zone in `field` and go in the campaign's zone;
 * `zones` is how many distinct zones the list uses (the fallback counted as one).
 */
export const preflightRecipientTimeZonesSchema = z.object({
  field: z.string(),
  fallback: z.number().int().min(0),
  zones: z.number().int().min(0),
});
export type PreflightRecipientTimeZones = z.infer<typeof preflightRecipientTimeZonesSchema>;

/** What launching would do, without doing it. */
export const preflightSchema = z.object({
  /** Recipients that will get the first message. */
  sendable: z.number().int(),
  /** Why the others will not, by reason. */
  skipped: z.object({ suppressed: z.number().int(), missingFields: z.number().int() }),
  /** Recipients with a merge field that has no value and no fallback (`recipients`: the first 100). */
  missingFields: z.object({
    count: z.number().int(),
    fields: z.array(z.string()),
    recipients: z.array(missingFieldsRecipientSchema),
    /** For each field in `fields`, every place its tag is written. */
    places: z.array(missingFieldPlacesSchema),
  }),
  /** What stops the launch; empty when it can go. */
  blockers: z.array(preflightBlockerSchema),
  /** What the user should know before launching; optional: an older server does not say. */
  warnings: z.array(preflightWarningSchema).optional(),
  /**
   * When launching now would send the first message, the last first message and the last
   * follow-up (ISO, each inside the campaign's days and hours), if nobody replies. null: nothing
   * can be sent. Optional: an older server does not say.
   */
  timing: preflightTimingSchema.nullable().optional(),
  /** What the sendable recipients' addresses look like. Optional: an older server does not say. */
  listHygiene: listHygieneSchema.optional(),
  /** Who will be tracked. Optional: an older server does not say. */
  tracking: preflightTrackingSchema.optional(),
  /** The campaign's files and per-recipient files (issue 18). Optional: an older server does not say. */
  attachments: preflightAttachmentsSchema.optional(),
  /** With `schedule.recipientTimeZoneField` only: whose zone is used. Optional: absent without the field, or from an older server. */
  recipientTimeZones: preflightRecipientTimeZonesSchema.optional(),
  /**
   * A/B variants of the first message (issue 18): how many, and with `abTest` how many recipients
   * the test splits and how many wait for the winner. Optional: absent without variants, or from an older server.
   */
  variants: z.object({ count: z.number().int(), testRecipients: z.number().int(), waitingForWinner: z.number().int() }).optional(),
});
export type Preflight = z.infer<typeof preflightSchema>;

export { TEST_SEND_MAX_TO } from './test-send-limits';

/**
 * `POST /api/campaigns/:id/test`: send the first message, rendered for `recipient` (a `rcp_` id or
 * a 0-based position, as the preview takes it), to `to` (default: the sending account's own address).
 */
export const testSendRequestSchema = z
  .object({
    accountId: z.string().min(1, 'Pick the account to send from'),
    recipient: z.string().max(40).optional(),
    to: z
      .array(z.string().max(320))
      .min(1, 'Type an address to send the test to')
      .max(TEST_SEND_MAX_TO, `At most ${TEST_SEND_MAX_TO} addresses`)
      .optional(),
    /** The step previewed: 0 (the default) the first message, N the Nth follow-up. */
    step: z.number().int('Use 0 for the first message or a follow-up number').min(0, 'Use 0 for the first message or a follow-up number').max(MAX_STEP, `At most ${MAX_STEP} follow-ups`).optional(),
    /** The step's A/B variant to send: 0 (the default, "A") to 4. */
    variant: z.number().int('Use a variant number from 0 (A) to 4 (E)').min(0, 'Use a variant number from 0 (A) to 4 (E)').max(4, 'Use a variant number from 0 (A) to 4 (E)').optional(),
  })
  .strict();
export type TestSendRequest = z.infer<typeof testSendRequestSchema>;

/** A test message, sent to the addresses asked for (the sending account's own by default). */
export const testSendResultSchema = z.object({
  /** The `To:` header as sent: the addresses joined by ", ". */
  sentTo: z.string(),
  /** The same addresses, one each. */
  to: z.array(z.string()),
  subject: z.string(),
  missing: z.array(z.string()),
  gmailMessageId: z.string().nullable(),
  /** The address of the recipient it was rendered for; null: the campaign has none. */
  recipient: z.string().nullable(),
  /** The names of the files the test carried, as that recipient's message will. Optional: an older server does not say. */
  attachments: z.array(z.string()).optional(),
  /** The A/B variant sent (0: "A"; a step without variants has only A). Optional: an older server does not say. */
  variant: z.number().int().optional(),
});
export type TestSendResult = z.infer<typeof testSendResultSchema>;
