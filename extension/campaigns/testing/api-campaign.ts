import { campaignInputSchema, campaignSchema, type Campaign } from '../../../shared/schemas/campaigns';

/**
 * Tests only: a campaign as the API answers it, a draft made of the create defaults plus what the
 * server adds; `overrides` set the rest.
 */
export function apiCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return campaignSchema.parse({
    ...campaignInputSchema.parse({ name: 'Spring', subject: 'Old subject', html: '<p>old</p>' }),
    id: 'cmp_1',
    schedule: { timezone: 'UTC', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } },
    status: 'draft',
    statusReason: null,
    fields: [],
    counts: { total: 0, pending: 0, sent: 0, replied: 0, bounced: 0, unsubscribed: 0, failed: 0 },
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    launchedAt: null,
    ...overrides,
  });
}
