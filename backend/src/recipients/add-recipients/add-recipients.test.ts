import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, recipients, suppressions } from '../../db/schema';
import { createTestApp } from '../../testing/test-app';
import { addRecipients } from './add-recipients';
import { seedCampaign } from '../../testing/seed-campaign';
import { closedAfterEach } from '../../testing/use-test-app';

const freshApp = closedAfterEach(createTestApp);

async function setup() {
  const t = await freshApp();
  const ids = await seedCampaign(t.db, t.clock.now(), { fields: ['First name'] });
  return { ...t, ...ids };
}

describe('addRecipients', () => {
  it('applies the import checks to a JSON list, numbering rows from 1', async () => {
    const t = await setup();
    await t.db.insert(recipients).values({
      campaignId: t.campaignId,
      userId: t.userId,
      email: 'alan@example.com',
      emailKey: 'alan@example.com',
      fields: {},
      status: 'pending',
      createdAt: t.clock.now(),
    });
    await t.db
      .insert(suppressions)
      .values({ userId: t.userId, emailKey: 'radia@example.com', email: 'radia@example.com', reason: 'manual', sourceCampaignId: null, createdAt: t.clock.now() });

    const result = await addRecipients(t, {
      userId: t.userId,
      campaignId: t.campaignId,
      recipients: [
        { email: 'Ada@Example.com', fields: { Company: 'Analytical Engines', 'First name': 'Ada' } },
        { email: 'not an address', fields: {} },
        { email: 'ada@example.com', fields: { Company: 'again' } },
        { email: 'ALAN@example.com', fields: {} },
        { email: 'radia@example.com', fields: {} },
        { email: 'Grace Hopper <grace@example.com>', fields: { Rank: 'Rear Admiral' } },
      ],
    });
    expect(result).toEqual({
      imported: 2,
      duplicates: 2,
      invalid: [{ row: 2, value: 'not an address', reason: 'The address has no @' }],
      suppressed: 1,
      fields: ['First name', 'Company', 'Rank'],
    });
    const stored = await t.db
      .select({ email: recipients.email, fields: recipients.fields })
      .from(recipients)
      .where(eq(recipients.campaignId, t.campaignId))
      .orderBy(asc(recipients.id));
    expect(stored).toEqual([
      { email: 'alan@example.com', fields: {} },
      { email: 'Ada@Example.com', fields: { Company: 'Analytical Engines', 'First name': 'Ada' } },
      { email: 'grace@example.com', fields: { Rank: 'Rear Admiral' } },
    ]);
    const [campaign] = await t.db.select().from(campaigns).where(eq(campaigns.id, t.campaignId));
    expect(campaign).toMatchObject({ fields: ['First name', 'Company', 'Rank'], version: 2 });
  });
});
