import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema } from '../../../shared/schemas/launch';
import { signedInAgent } from '../testing/browser-agent';
import { addTestAccount } from '../testing/test-accounts';
import { createTestApp } from '../testing/test-app';
import { closedAfterEach } from '../testing/use-test-app';
import { optOutOfTracking } from '../tracking/opt-out';

const testApp = closedAfterEach(createTestApp);

const PEOPLE = [
  { email: 'ann@example.com', fields: { 'Tracking consent': 'yes' } },
  { email: 'bo@example.com', fields: { 'Tracking consent': 'Oui' } },
  { email: 'cy@example.com', fields: { 'Tracking consent': 'Y' } },
  { email: 'di@example.com', fields: { 'Tracking consent': 'no' } },
  { email: 'ed@example.com', fields: { Name: 'Ed' } },
];

/** A signed-in user with a campaign of PEOPLE, on a server run with these env values. */
async function setUp(env: Record<string, string>, tracking: Record<string, unknown>) {
  const t = await testApp({ env });
  const { agent, user } = await signedInAgent(t, 'owner@example.com');
  const account = await addTestAccount(t, user.id, 'ann.sender@example.net');
  const created = await agent.post('/api/campaigns', { name: 'Spring', subject: 'Hi', html: '<p>Hi</p>', accountIds: [account.id], tracking });
  const campaign = campaignSchema.parse(await created.json());
  expect((await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: PEOPLE })).status).toBe(201);
  const check = async () => preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
  const codes = async () => ((await check()).warnings ?? []).map((warning) => warning.code);
  return { t, agent, user, campaign, check, codes };
}

describe("the preflight's tracking count", () => {
  it('says how many will be tracked, lack consent or opted out, and warns about a missing postal address', async () => {
    const { t, agent, user, campaign, check, codes } = await setUp({}, { opens: true, clicks: false, consentField: 'Tracking consent' });
    await optOutOfTracking(t.db, t.config.authSecret, { userId: user.id, email: 'Bo@Example.com', emailKey: 'bo@example.com' }, t.clock.now());

    expect((await check()).tracking).toEqual({ mode: 'on', consentField: 'Tracking consent', tracked: 2, withoutConsent: 2, optedOut: 1 });
    expect(await codes()).toEqual(['postal-address-missing']);
    expect((await check()).warnings![0]!.message).toBe("Add your postal address under Privacy settings on the dashboard’s Account page: commercial mail must show it (CAN-SPAM).");

    expect((await agent.patch('/api/settings', { postalAddress: 'Acme Inc.\n1 Main Street' })).status).toBe(200);
    expect(await codes()).toEqual([]);

    // A consent column no import has: nobody has said yes.
    await agent.patch(`/api/campaigns/${campaign.id}`, { tracking: { opens: true, clicks: true, consentField: 'Consent' } });
    expect((await check()).tracking).toMatchObject({ tracked: 0, withoutConsent: 5, optedOut: 0 });
    expect(await codes()).toEqual(['consent-field-unknown']);

    // No consent field: everyone but the opt-out.
    await agent.patch(`/api/campaigns/${campaign.id}`, { tracking: { opens: true, clicks: true, consentField: null } });
    expect((await check()).tracking).toEqual({ mode: 'on', consentField: null, tracked: 4, withoutConsent: 0, optedOut: 1 });

    // Counting neither opens nor clicks: nobody is tracked.
    await agent.patch(`/api/campaigns/${campaign.id}`, { tracking: { opens: false, clicks: false, consentField: 'Consent' } });
    expect((await check()).tracking).toMatchObject({ tracked: 0, withoutConsent: 0, optedOut: 0 });
    expect(await codes()).toEqual([]);
  });

  it('with TRACKING=consent, warns that a campaign without a consent field tracks nobody', async () => {
    const { agent, campaign, check, codes } = await setUp({ TRACKING: 'consent' }, { opens: true, clicks: true });
    expect((await check()).tracking).toEqual({ mode: 'consent', consentField: null, tracked: 0, withoutConsent: 5, optedOut: 0 });
    expect(await codes()).toContain('tracking-consent-required');
    await agent.patch(`/api/campaigns/${campaign.id}`, { tracking: { opens: true, clicks: true, consentField: 'tracking consent' } });
    expect((await check()).tracking).toMatchObject({ tracked: 3, withoutConsent: 2 });
    expect(await codes()).not.toContain('tracking-consent-required');
    expect(await codes()).not.toContain('consent-field-unknown');
  });

  it('with TRACKING=off, counts nobody as tracked whatever the campaign says', async () => {
    const { check, codes } = await setUp({ TRACKING: 'off' }, { opens: true, clicks: true, consentField: 'Nope' });
    expect((await check()).tracking).toEqual({ mode: 'off', consentField: 'Nope', tracked: 0, withoutConsent: 0, optedOut: 0 });
    expect(await codes()).toEqual(['postal-address-missing']);
  });
});
