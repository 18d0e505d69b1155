import * as z from 'zod';

/**
 * `GET /api/campaigns/:id/stats` and `/timeline`. The backend has no shared schema for these yet
 * (backend/src/analytics/campaign-stats.ts infers its type), so the extension keeps its own here;
 * objects are not strict, so a new server field does not break an older panel.
 */
const count = z.number().int().nonnegative();
const engagementSchema = z.object({ unique: count, human: count, machine: count, total: count });

export const campaignStatsSchema = z.object({
  recipients: count,
  pending: count,
  sent: count,
  failed: count,
  skipped: count,
  bounced: count,
  replied: count,
  unsubscribed: count,
  opens: engagementSchema,
  clicks: engagementSchema,
  rates: z.object({
    replied: z.number(),
    bounced: z.number(),
    unsubscribed: z.number(),
    openedByPeople: z.number(),
    clickedByPeople: z.number(),
  }),
  steps: z.array(z.object({ step: count, sent: count, humanOpens: count, humanClicks: count, replies: count })),
  accounts: z.array(z.object({ accountId: z.string(), email: z.string(), sent: count, replied: count, bounced: count })),
  links: z.array(z.object({ step: count, linkIndex: count, url: z.string(), clicks: count, uniqueHuman: count })),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const TIMELINE_BUCKETS = ['hour', 'day'] as const;

export const timelinePointSchema = z.object({
  start: z.string(),
  sent: count,
  humanOpens: count,
  machineOpens: count,
  humanClicks: count,
  machineClicks: count,
  replies: count,
  bounces: count,
  unsubscribes: count,
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const timelineSchema = z.object({
  bucket: z.enum(TIMELINE_BUCKETS),
  tz: z.string(),
  points: z.array(timelinePointSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;
