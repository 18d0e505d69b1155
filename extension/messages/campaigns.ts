import * as z from 'zod';
import { timelineBucketSchema } from '../../shared/schemas/analytics';
import { campaignInputSchema, campaignPatchSchema } from '../../shared/schemas/campaigns';
import { testSendRequestSchema } from '../../shared/schemas/launch';
import { UNCERTAIN_OUTCOMES } from '../../shared/schemas/uncertain-messages';
import { RESOURCE_ID_PATTERN } from './resource-id';

/**
 * An id as the API mints them (`cmp_…`, base64url). Checked before it is put in a URL path, so a
 * message cannot steer the background to another endpoint (`../tokens`).
 */
export const resourceIdSchema = z.string().regex(RESOURCE_ID_PATTERN, 'Not an iConnect id');

/** Where a read comes from: `cache` answers at once from IndexedDB, `server` asks the API and refreshes the cache. */
export const sourceSchema = z.enum(['cache', 'server']);
export type Source = z.infer<typeof sourceSchema>;

const id = resourceIdSchema;

export const campaignMessageSchemas = [
  z.object({ type: z.literal('campaigns/list'), source: sourceSchema }).strict(),
  z.object({ type: z.literal('campaigns/get'), id, source: sourceSchema }).strict(),
  z.object({ type: z.literal('campaigns/create'), input: campaignInputSchema }).strict(),
  z.object({ type: z.literal('campaigns/patch'), id, patch: campaignPatchSchema }).strict(),
  /** recipients: copy the recipients too, as new unsent ones (absent: the campaign alone). */
  z.object({ type: z.literal('campaigns/duplicate'), id, recipients: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('campaigns/delete'), id }).strict(),
  z
    .object({
      type: z.literal('campaigns/preview'),
      id,
      /** A recipient id (`rcp_…`) or a 0-based position, as the API takes it. */
      recipient: z.string().regex(/^(rcp_\d{1,15}|\d{1,9})$/).optional(),
      /** 0: the first message; N: the Nth follow-up. */
      step: z.number().int().min(0).max(10).optional(),
      /** The step's A/B variant: 0 or absent A (issue 18). */
      variant: testSendRequestSchema.shape.variant,
    })
    .strict(),
  // followUpsWithoutReplyCheck: "send follow-ups to everyone" from a send-only account (shared/schemas/launch.ts).
  z.object({ type: z.literal('campaigns/preflight'), id, allowBlank: z.boolean(), followUpsWithoutReplyCheck: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('campaigns/launch'), id, allowBlank: z.boolean(), followUpsWithoutReplyCheck: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('campaigns/control'), id, action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
  /** The user's answer to a message that may have gone out (uncertain); answers the campaign as it is after. */
  z.object({ type: z.literal('campaigns/resolve-message'), id, jobId: z.number().int().positive().max(999_999_999_999_999), outcome: z.enum(UNCERTAIN_OUTCOMES) }).strict(),
  z
    .object({
      type: z.literal('campaigns/test-send'),
      id,
      accountId: id,
      recipient: z.string().regex(/^(rcp_\d{1,15}|\d{1,9})$/).optional(),
      /** Addresses as typed; the server checks each. Absent: the account's own address. */
      to: testSendRequestSchema.shape.to,
      /** The step previewed: 0 or absent the first message, N the Nth follow-up. */
      step: testSendRequestSchema.shape.step,
      /** The step's A/B variant previewed: 0 or absent A. */
      variant: testSendRequestSchema.shape.variant,
    })
    .strict(),
  z.object({ type: z.literal('campaigns/stats'), id, source: sourceSchema }).strict(),
  z
    .object({
      type: z.literal('campaigns/timeline'),
      id,
      bucket: timelineBucketSchema,
      tz: z.string().max(64).regex(/^[A-Za-z0-9_+\-/]+$/),
    })
    .strict(),
] as const;
