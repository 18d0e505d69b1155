import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema } from '../../../shared/schemas/launch';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { signedInEach } from '../testing/use-test-app';

const { t, agent } = signedInEach(() => `user-${crypto.randomUUID().slice(0, 6)}@example.com`, () => createSandboxedTestApp());

describe('preflight: missing fields, found where they are', () => {
  it('names the link address, the subject, the body and the follow-up that hold each missing tag', async () => {
    const created = await agent.post('/api/campaigns', {
      name: 'Offer',
      subject: 'For {{ city }}',
      html: '<p>Hello {{ first name | there }}, see <a href="https://x.test/offer?a=1&amp;c={{company}}">the offer</a>.</p>',
      followUps: [{ delayHours: 48, subject: null, html: '<p>Still in {{ city }}? Ask {{ company }}.</p>' }],
    });
    expect(created.status).toBe(201);
    const campaign = campaignSchema.parse(await created.json());
    expect((await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'a@example.com', fields: { 'first name': 'Ann' } }] })).status).toBe(201);

    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check.missingFields).toMatchObject({ count: 1, recipients: [{ email: 'a@example.com' }] });
    expect(check.missingFields.places).toEqual(
      expect.arrayContaining([
        { field: 'company', places: ['link: https://x.test/offer?a=1&c={{company}}', 'follow-up 1 body'] },
        { field: 'city', places: ['subject', 'follow-up 1 body'] },
      ]),
    );
    expect(check.missingFields.places).toHaveLength(2);
  });
});
