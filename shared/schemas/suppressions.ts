import * as z from 'zod';
import { addressText, singleLineText } from './text';

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'complained', 'manual'] as const;

export const suppressionSchema = z.object({
  email: z.string(),
  reason: z.enum(SUPPRESSION_REASONS),
  source: z.string().nullable(),
  createdAt: z.string(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

/** `GET /api/suppressions?q=`: addresses containing `q`; empty means all. */
export const suppressionListQuerySchema = z.object({ q: singleLineText({ trim: true }).max(254, 'Search for at most 254 characters').optional() });

/** `GET /api/suppressions`. */
export const suppressionListSchema = z.object({ suppressions: z.array(suppressionSchema) });

export const addSuppressionBodySchema = z
  .object({
    email: addressText().min(1).max(254),
    reason: z.enum(SUPPRESSION_REASONS).default('manual'),
  })
  .strict();
