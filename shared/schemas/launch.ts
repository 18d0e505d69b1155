import * as z from 'zod';

/**
 * What the user checks before launching: `GET /api/campaigns/:id/preview`, `GET …/preflight` and
 * `POST …/test` (backend/src/campaigns/preview.ts, preflight.ts, backend/src/sending/test-send.ts).
 * Objects are not strict: a field a newer server adds does not break an older side panel.
 */

/** The first message as one recipient will get it. */
export const previewSchema = z.object({
  /** null when the campaign has no recipients yet: rendered with no fields. */
  recipient: z.object({ id: z.string(), email: z.string() }).nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** Merge fields with no value and no fallback for this recipient. */
  missing: z.array(z.string()),
});
export type Preview = z.infer<typeof previewSchema>;

export const preflightBlockerSchema = z.object({ code: z.string(), message: z.string() });
export type PreflightBlocker = z.infer<typeof preflightBlockerSchema>;

export const missingFieldsRecipientSchema = z.object({ id: z.string(), email: z.string(), fields: z.array(z.string()) });
export type MissingFieldsRecipient = z.infer<typeof missingFieldsRecipientSchema>;

/** What launching would do, without doing it. */
export const preflightSchema = z.object({
  /** Recipients that will get the first message. */
  sendable: z.number().int(),
  /** Why the others will not, by reason. */
  skipped: z.object({ suppressed: z.number().int(), missingFields: z.number().int() }),
  /** Recipients with a merge field that has no value and no fallback (`recipients`: the first 100). */
  missingFields: z.object({ count: z.number().int(), fields: z.array(z.string()), recipients: z.array(missingFieldsRecipientSchema) }),
  /** What stops the launch; empty when it can go. */
  blockers: z.array(preflightBlockerSchema),
});
export type Preflight = z.infer<typeof preflightSchema>;

/** A test message, sent to the sending account's own address. */
export const testSendResultSchema = z.object({
  sentTo: z.string(),
  subject: z.string(),
  missing: z.array(z.string()),
  gmailMessageId: z.string().nullable(),
  /** The address of the recipient it was rendered for; null: the campaign has none. */
  recipient: z.string().nullable(),
});
export type TestSendResult = z.infer<typeof testSendResultSchema>;
