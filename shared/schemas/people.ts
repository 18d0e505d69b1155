import * as z from 'zod';
import { addressText } from './text';

/**
 * One person's data (GDPR Art. 15 access, Art. 17 erasure): `GET /api/people/:email` and
 * `POST /api/people/erase` (backend/src/people/). Everything this user holds about one address.
 */

export const personAddressSchema = addressText().min(1, 'Type the address').max(254, 'At most 254 characters');

export const eraseRequestSchema = z.object({ email: personAddressSchema }).strict();
export type EraseRequest = z.infer<typeof eraseRequestSchema>;

export const personEventSchema = z.object({
  kind: z.string(),
  step: z.number().int().nullable(),
  /** Opens and clicks by a proxy or a scanner rather than the person. */
  machine: z.boolean(),
  url: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  occurredAt: z.string(),
});

export const personCampaignSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  /** The address as imported in this campaign. */
  email: z.string(),
  fields: z.record(z.string(), z.string()),
  status: z.string(),
  statusReason: z.string().nullable(),
  addedAt: z.string(),
  messages: z.array(z.object({ step: z.number().int(), status: z.string(), sentAt: z.string().nullable() })),
  events: z.array(personEventSchema),
});

export const personSchema = z.object({
  /** The address asked about, lower-cased as it is compared. */
  email: z.string(),
  campaigns: z.array(personCampaignSchema),
  suppression: z.object({ reason: z.string(), source: z.string().nullable(), createdAt: z.string() }).nullable(),
  /** When the person asked not to be tracked (unsubscribe page); null: they did not. */
  trackingOptOutAt: z.string().nullable(),
  /** When this address was erased before (only a keyed hash is kept); null: never. */
  erasedAt: z.string().nullable(),
  /** When this answer was made. */
  generatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const eraseResultSchema = z.object({
  erased: z.literal(true),
  /** Campaigns the address was removed from. */
  campaigns: z.number().int(),
  /** Tracking events removed from the person (their counts in the campaign's figures stay). */
  events: z.number().int(),
  /** Per-recipient files their attachment column named that no other recipient names, deleted with them. */
  files: z.number().int(),
});
export type EraseResult = z.infer<typeof eraseResultSchema>;
