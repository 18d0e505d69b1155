import * as z from 'zod';
import { campaignSchema } from '../../shared/schemas/campaigns';
import { resourceIdSchema } from './campaigns';

export const syncMessageSchemas = [
  z.object({ type: z.literal('sync/status') }).strict(),
  z.object({ type: z.literal('sync/now') }).strict(),
  z.object({ type: z.literal('sync/resolve'), campaignId: resourceIdSchema, keep: z.enum(['mine', 'theirs']) }).strict(),
] as const;

/** The user's edit as they left it: checked loosely here (the server validates it when it is saved). */
const editSchema = z.record(z.string(), z.unknown());

export const syncStatusSchema = z.object({
  pending: z.number().int(),
  conflicts: z.array(
    z.object({
      campaignId: z.string(),
      kind: z.enum(['changed-elsewhere', 'deleted', 'refused']),
      edit: editSchema,
      theirs: campaignSchema.nullable(),
      message: z.string(),
      at: z.string(),
    }),
  ),
  syncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** `campaigns/patch`: the campaign as the panel should show it, and whether the edit is still waiting for the server. */
export const patchResultSchema = z.object({ campaign: campaignSchema, queued: z.boolean() });
