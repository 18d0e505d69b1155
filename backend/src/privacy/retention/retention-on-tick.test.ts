import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, recipients } from '../../db/schema';
import { DAY_MS } from '../../limits/daily-limits';
import { bearerRequest } from '../../testing/browser-agent';
import { sendingScenario, type SendingScenario } from '../../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

describe('retention on the scheduler tick', () => {
  it('deletes a finished campaign\'s recipients when the user asked for it, and the API and dashboard say when', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, [{ email: 'ada@example.com' }, { email: 'bob@example.com' }]);
    await s.untilCompleted(id);
    const settings = await s.agent.patch('/api/settings', { retention: { finishedCampaignRecipientsDays: 30 } });
    expect(settings.status, await settings.clone().text()).toBe(200);
    // A month on, the browser's session has ended: an API token reads the campaign, as the extension does.
    const { user } = await (await s.agent.get('/api/me')).json();
    const { token } = await (await s.agent.post('/api/tokens', { name: 'script' })).json();
    const api = bearerRequest(s.t, token);
    const campaignOf = async () => (await api('GET', `/api/campaigns/${id}`)).json();

    s.t.clock.advance(29 * DAY_MS);
    await s.tick();
    expect(await campaignOf()).toMatchObject({ recipientsDeletedAt: null, counts: { total: 2 } });

    s.t.clock.advance(2 * DAY_MS);
    await s.tick();
    const campaign = await campaignOf();
    expect(campaign.status).toBe('completed');
    expect(campaign.recipientsDeletedAt).toBe(s.t.clock.now().toISOString());
    expect(campaign.counts.total).toBe(0);
    expect(await s.t.db.select().from(recipients).where(eq(recipients.campaignId, id))).toEqual([]);

    expect((await s.agent.post('/api/auth/login', { email: user.email, password: 'a long enough password' })).status).toBe(200);
    const page = await (await s.agent.get('/campaigns')).text();
    expect(page).toMatch(/Recipients deleted on <time datetime="[^"]+">\d+ \w+ \d{4}, \d\d:\d\d UTC<\/time> \(retention setting\)/);

    const entries = await s.t.db.select().from(auditLog).where(eq(auditLog.action, 'retention.applied'));
    expect(entries.map((entry) => [entry.actor, entry.detail])).toEqual([
      ['system', { trackingEventsDeleted: 0, ipAddressesRemoved: 0, recipientsDeleted: 2, recipientFilesDeleted: 0, campaignsEmptied: 1 }],
    ]);
  });
});
