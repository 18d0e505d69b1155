import * as z from 'zod';
import { campaignSchema } from './campaigns';

/** The page size of GET /api/sync: enough for a busy account in one round trip, small enough for a slow line. */
export const SYNC_PAGE_DEFAULT = 200;
export const SYNC_PAGE_MAX = 500;

export const syncQuerySchema = z.object({
  /** The cursor of the last page applied; 0 (or absent) for everything. */
  since: z.coerce.number().int('A whole number').min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int('A whole number').min(1).max(SYNC_PAGE_MAX).default(SYNC_PAGE_DEFAULT),
});

export const syncChangeSchema = z.discriminatedUnion('deleted', [
  z.object({ entity: z.literal('campaign'), id: z.string(), deleted: z.literal(false), campaign: campaignSchema }),
  z.object({ entity: z.literal('campaign'), id: z.string(), deleted: z.literal(true) }),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;

/**
 * One page of the change feed: the latest state of everything that changed after `since`, oldest
 * change first. Apply it, keep `cursor`, and ask again while `more` is true. `reset` means the
 * cursor is ahead of the server (its database was restored from a backup): throw the cache away
 * and start again from 0.
 */
export const syncPageSchema = z.object({
  cursor: z.number().int().min(0),
  more: z.boolean(),
  reset: z.boolean(),
  changes: z.array(syncChangeSchema),
});
export type SyncPage = z.infer<typeof syncPageSchema>;
