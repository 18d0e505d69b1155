import { afterEach, describe, expect, it } from 'vitest';
import { campaignListSchema, campaignSchema } from '../../../shared/schemas/campaigns';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const MADRID_OFFICE = { timezone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@example.com` }));

async function scenario() {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const waiting = async (id: string) => campaignSchema.parse(await s.campaign(id)).progress?.waiting;
  return { s, waiting };
}

describe('GET /api/campaigns/:id progress.waiting', () => {
  it('says a Madrid campaign launched on Saturday waits for sending hours until Monday 09:00 Madrid', async () => {
    const { s, waiting } = await scenario();
    s.t.clock.set('2026-03-07T11:00:00Z'); // Saturday 12:00 in Madrid
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: MADRID_OFFICE }, people(3));
    expect(await waiting(id)).toEqual({ reason: 'outside-hours', until: '2026-03-09T08:00:00.000Z' });
    // The engine agrees: nothing goes out on Saturday.
    expect((await s.tick()).attempts).toHaveLength(0);
    // The list says it too, for the panel's campaign rows.
    const { campaigns } = campaignListSchema.parse(await (await s.agent.get('/api/campaigns')).json());
    expect(campaigns.find((campaign) => campaign.id === id)?.progress?.waiting).toEqual({ reason: 'outside-hours', until: '2026-03-09T08:00:00.000Z' });
    s.t.clock.set('2026-03-09T08:00:00Z');
    expect(await waiting(id)).toBeNull();
  });

  it('says a campaign waits for its start time', async () => {
    const { s, waiting } = await scenario();
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: { ...ALWAYS_OPEN, startAt: '2026-03-04T12:00:00.000Z' } }, people(1));
    expect(await waiting(id)).toEqual({ reason: 'before-start', until: '2026-03-04T12:00:00.000Z' });
  });

  it('says the accounts reached their daily limit, and until when room comes back', async () => {
    const { s, waiting } = await scenario();
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { dailyLimit: 2 });
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, people(3));
    const firstSentAt = s.t.clock.now().getTime();
    await s.tick();
    s.t.clock.advance(60_000);
    await s.tick();
    expect((await s.campaign(id)).counts.sent).toBe(2);
    // Gmail's 24 hours roll: room comes back when the first of the two is a day old.
    expect(await waiting(id)).toEqual({ reason: 'daily-limit', until: new Date(firstSentAt + 86_400_000).toISOString() });
  });

  it("says the campaign's daily cap is reached", async () => {
    const { s, waiting } = await scenario();
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN, throttle: { dailyCap: 1 } }, people(2));
    const sentAt = s.t.clock.now().getTime();
    await s.tick();
    expect(await waiting(id)).toEqual({ reason: 'daily-limit', until: new Date(sentAt + 86_400_000).toISOString() });
  });

  it('says only follow-ups are left, due in 72 hours, moved into the sending hours', async () => {
    const { s, waiting } = await scenario();
    // Monday 2 March 10:00Z = 11:00 Madrid; +72 h is Thursday 11:00, inside the window.
    const followUps = [{ delayHours: 72, html: '<p>Again</p>' }];
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: MADRID_OFFICE, followUps }, people(1));
    const sentAt = s.t.clock.now().getTime();
    await s.tick();
    expect(await waiting(id)).toEqual({ reason: 'follow-up-delay', until: new Date(sentAt + 72 * 3_600_000).toISOString() });
    // And the expected finish is that follow-up, not now (the old estimate ignored its due time).
    expect(campaignSchema.parse(await s.campaign(id)).progress?.expectedFinishAt).toBe(new Date(sentAt + 72 * 3_600_000).toISOString());
    // 70 hours on, Thursday 09:00 Madrid: still waiting for the same message.
    s.t.clock.advance(70 * 3_600_000);
    expect((await waiting(id))?.reason).toBe('follow-up-delay');
  });

  it('is null while the campaign can send, and for a draft', async () => {
    const { s, waiting } = await scenario();
    const id = await s.launch({ subject: 'Hi', html: '<p>Hi</p>', schedule: ALWAYS_OPEN }, people(2));
    expect(await waiting(id)).toBeNull();
    const draft = await (await s.agent.post('/api/campaigns', { name: 'Draft' })).json();
    expect(campaignSchema.parse(await s.campaign(draft.id)).progress?.waiting ?? null).toBeNull();
  });
});
