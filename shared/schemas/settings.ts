import * as z from 'zod';
import { bodyText } from './text';

/**
 * A user's privacy and sending settings: `GET /api/settings`, `PATCH /api/settings`
 * (backend/src/privacy/routes.ts). Retention periods are applied by the daily job
 * (backend/src/privacy/retention/); the postal address goes in every campaign's footer.
 */

/** 13 months for tracking events, 30 days for their IP addresses, finished campaigns' recipients kept. */
export const DEFAULT_RETENTION = { trackingEventsDays: 395, ipAddressDays: 30, finishedCampaignRecipientsDays: null } as const;

/** The longest period a user may set: 10 years. */
const MAX_DAYS = 3_650;

const days = (what: string) =>
  z
    .number({ message: `${what}: a number of days` })
    .int(`${what}: a whole number of days`)
    .min(1, `${what}: at least 1 day`)
    .max(MAX_DAYS, `${what}: at most ${MAX_DAYS.toLocaleString('en')} days (10 years)`);

export const retentionSchema = z.object({
  /** Opens, clicks, replies, bounces and unsubscribes older than this are deleted. */
  trackingEventsDays: days('Tracking events'),
  /** Kept events lose their IP address after this many days (at most the events' own period). */
  ipAddressDays: days('IP addresses'),
  /** Recipients of campaigns finished (completed or cancelled) this many days ago are deleted; null: kept. */
  finishedCampaignRecipientsDays: days('Finished campaigns').nullable(),
});
export type Retention = z.infer<typeof retentionSchema>;

/** A postal address as it is printed: up to 6 lines of 100 characters. */
export const postalAddressSchema = bodyText()
  .trim()
  .max(500, 'At most 500 characters')
  .refine((value) => value.split(/\r\n|\r|\n/).length <= 6, 'At most 6 lines')
  .refine((value) => value.split(/\r\n|\r|\n/).every((line) => line.length <= 100), 'At most 100 characters a line');

export const settingsSchema = z.object({
  /** Store tracked visitors' IP addresses truncated (/24 IPv4, /48 IPv6). */
  truncateIpAddresses: z.boolean(),
  retention: retentionSchema,
  /** Printed beside the unsubscribe link of every campaign (CAN-SPAM); null: not set. */
  postalAddress: z.string().nullable(),
  /** The operator's TRACKING: `off` and `consent` apply to every campaign of this server. */
  trackingMode: z.enum(['on', 'consent', 'off']).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z
  .object({
    truncateIpAddresses: z.boolean(),
    retention: retentionSchema.partial().strict(),
    /** An empty string or null clears it. */
    postalAddress: postalAddressSchema.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
