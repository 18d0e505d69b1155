import type { Database } from '../db/database';
import { campaigns, users } from '../db/schema';
import { newId } from '../lib/random';

/**
 * Tests and the bench only: a user and a draft campaign inserted directly, so the import can be
 * exercised without the campaign API.
 */
export async function seedCampaign(db: Database, now: Date, options: { fields?: string[] } = {}) {
  const userId = newId('usr');
  const campaignId = newId('cmp');
  await db.insert(users).values({ id: userId, email: `${userId.toLowerCase()}@example.com`, passwordHash: 'x', createdAt: now, passwordChangedAt: now });
  await db.insert(campaigns).values({
    id: campaignId,
    userId,
    name: 'Spring launch',
    subject: 'Hello {{first name}}',
    html: '<p>Hi</p>',
    text: null,
    accountIds: [],
    schedule: { startAt: null, timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } },
    throttle: {},
    trackOpens: true,
    trackClicks: true,
    unsubscribe: true,
    followUps: [],
    status: 'draft',
    fields: options.fields ?? [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  return { userId, campaignId };
}
