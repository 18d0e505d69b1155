import * as z from 'zod';

/**
 * Answers of `GET /preview`, `GET /preflight` and `POST /test` (backend/src/campaigns/preview.ts,
 * preflight.ts, test-send.ts), which have no shared schema yet.
 */
export const previewSchema = z.object({
  recipient: z.object({ id: z.string(), email: z.string() }).nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  missing: z.array(z.string()),
});
export type Preview = z.infer<typeof previewSchema>;

export const preflightSchema = z.object({
  sendable: z.number().int(),
  skipped: z.object({ suppressed: z.number().int(), missingFields: z.number().int() }),
  missingFields: z.object({
    count: z.number().int(),
    fields: z.array(z.string()),
    recipients: z.array(z.object({ id: z.string(), email: z.string(), fields: z.array(z.string()) })),
  }),
  blockers: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type Preflight = z.infer<typeof preflightSchema>;

export const testSendResultSchema = z.object({
  sentTo: z.string(),
  subject: z.string(),
  missing: z.array(z.string()),
  gmailMessageId: z.string().nullable(),
  recipient: z.string().nullable(),
});
export type TestSendResult = z.infer<typeof testSendResultSchema>;
