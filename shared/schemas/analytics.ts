import * as z from 'zod';
import { timeZoneSchema } from './accounts';
import { abDecisionSchema } from './variants';

/**
 * The answers of `GET /api/campaigns/:id/stats`, `/timeline` and `GET /api/stats/overview`
 * (backend/src/analytics/). Objects are not strict: a field a newer server adds does not break an
 * older side panel.
 */

/** A count of recipients, messages or events. */
const count = z.number().int().nonnegative();

/**
 * Opens or clicks: `unique` recipients with any event, of whom `human` had one from a person and
 * `machine` one from an image proxy, a privacy prefetch or a link scanner; `total` counts events.
 */
const engagementSchema = z.object({ unique: count, human: count, machine: count, total: count });

/**
 * One A/B variant of a step (issue 18), counted on write (analytics_variants): messages sent (and of
 * them tracked), and the recipients who, as people, opened, clicked, replied, bounced or
 * unsubscribed in answer to that step's message. Rates: of `sent` (opens and clicks: of `tracked`).
 */
export const variantStatsSchema = z.object({
  index: count,
  subject: z.string(),
  sent: count,
  tracked: count,
  replied: count,
  humanOpens: count,
  humanClicks: count,
  bounced: count,
  unsubscribed: count,
  rates: z.object({ replied: z.number(), openedByPeople: z.number(), clickedByPeople: z.number() }),
  /** The A/B test picked it for the rest. */
  winner: z.boolean(),
});
export type VariantStats = z.infer<typeof variantStatsSchema>;

export const campaignStatsSchema = z.object({
  recipients: count,
  pending: count,
  /** Recipients sent the first message. */
  sent: count,
  /**
   * Of `sent`, those whose first message carried the pixel and tracked links (the server's TRACKING,
   * the campaign's consent column, the person's opt-out). Optional: an older server does not say.
   */
  tracked: count.optional(),
  failed: count,
  skipped: count,
  bounced: count,
  replied: count,
  unsubscribed: count,
  opens: engagementSchema,
  clicks: engagementSchema,
  /** Fractions (0–1, four decimals) of `sent` (opens and clicks: of `tracked`); 0 when nothing was. */
  rates: z.object({
    replied: z.number(),
    bounced: z.number(),
    unsubscribed: z.number(),
    openedByPeople: z.number(),
    clickedByPeople: z.number(),
  }),
  /** Per step (0: the first message), people only. */
  steps: z.array(
    z.object({
      step: count,
      sent: count,
      humanOpens: count,
      humanClicks: count,
      replies: count,
      /** This step's A/B variants; absent or [] when it has none. */
      variants: z.array(variantStatsSchema).optional(),
    }),
  ),
  /** The first message's A/B variants (the same as `steps[0].variants`); absent or [] when it has none. */
  variants: z.array(variantStatsSchema).optional(),
  /** The A/B test's decision, once made. */
  abDecision: abDecisionSchema.nullable().optional(),
  accounts: z.array(z.object({ accountId: z.string(), email: z.string(), sent: count, replied: count, bounced: count })),
  /**
   * Links by their place in a step, most clicked by people first. `url` is the link as written in the
   * campaign, merge tags kept (`asWritten`); for clicks recorded before the link could be found in the
   * template, the URL the click went to (`asWritten: false`).
   */
  links: z.array(
    z.object({
      step: count,
      linkIndex: count,
      url: z.string(),
      asWritten: z.boolean().default(false),
      clicks: count,
      uniqueHuman: count,
      /** In a step with A/B variants, the variant the link is written in (link indexes run on through the variants). */
      variant: count.optional(),
    }),
  ),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const TIMELINE_BUCKETS = ['hour', 'day'] as const;
export const timelineBucketSchema = z.enum(TIMELINE_BUCKETS);
export type TimelineBucket = z.infer<typeof timelineBucketSchema>;

/** `GET /api/campaigns/:id/timeline?bucket=&tz=`: days and hours in the viewer's time zone. */
export const timelineQuerySchema = z.object({ bucket: timelineBucketSchema.default('day'), tz: timeZoneSchema.default('UTC') });

/** One bucket; `start` is its first instant (ISO 8601, UTC), counts are events in it. */
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
  bucket: timelineBucketSchema,
  tz: z.string(),
  points: z.array(timelinePointSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** All of a user's campaigns at a glance. */
export const statsOverviewSchema = z.object({
  /** Campaigns by status (`draft`, `sending`…); a status with none is absent. Any key, so a new status does not break a reader. */
  campaigns: z.record(z.string(), count),
  recipients: count,
  messagesSent: count,
  replied: count,
  bounced: count,
  unsubscribed: count,
  /** Distinct recipients (per campaign) who opened or clicked as people, machines left out. */
  humanOpens: count,
  humanClicks: count,
});
export type StatsOverview = z.infer<typeof statsOverviewSchema>;
