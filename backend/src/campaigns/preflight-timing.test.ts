import { afterEach, describe, expect, it } from 'vitest';
import { preflightSchema } from '../../../shared/schemas/launch';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const MADRID_OFFICE = { timezone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };

async function draft(body: Record<string, unknown>, recipients: number, gapSeconds = 60) {
  const s = await sendingScenario({ accounts: ['sender@work.example'] });
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: gapSeconds, maxGapSeconds: gapSeconds, dailyLimit: 1000 });
  const { id } = await (await s.agent.post('/api/campaigns', { name: 'Spring', accountIds: s.accountIds, subject: 'Hi', html: '<p>Hi</p>', ...body })).json();
  const people = Array.from({ length: recipients }, (_, i) => ({ email: `p${i}@example.com` }));
  if (recipients > 0) expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people })).status).toBe(201);
  const timing = async () => {
    const response = await s.agent.get(`/api/campaigns/${id}/preflight`);
    expect(response.status).toBe(200);
    return preflightSchema.parse(await response.json()).timing;
  };
  return { s, timing };
}

describe('GET /api/campaigns/:id/preflight timing', () => {
  it('honours Monday–Friday, the hours in Madrid and 289 follow-ups due 72 hours later', async () => {
    const { s, timing } = await draft({ schedule: MADRID_OFFICE, followUps: [{ delayHours: 72, html: '<p>Again</p>' }] }, 289);
    s.t.clock.set('2026-03-06T15:00:00Z'); // Friday 16:00 in Madrid
    expect(await timing()).toEqual({
      firstSendAt: '2026-03-06T15:00:00.000Z',
      // 60 on Friday before 17:00, then 229 from Monday 09:00, one a minute: 12:48.
      lastFirstMessageAt: '2026-03-09T11:48:00.000Z',
      // Monday's first messages get their follow-ups on Thursday, the last at 12:48.
      lastMessageAt: '2026-03-12T11:48:00.000Z',
    });
  });

  it('says Monday 09:00 for a campaign checked on Saturday', async () => {
    const { s, timing } = await draft({ schedule: MADRID_OFFICE }, 1);
    s.t.clock.set('2026-03-07T11:00:00Z');
    expect((await timing())?.firstSendAt).toBe('2026-03-09T08:00:00.000Z');
  });

  it('is null when nothing would be sent', async () => {
    const { timing } = await draft({ schedule: MADRID_OFFICE }, 0);
    expect(await timing()).toBeNull();
  });

  it('paces zero gaps at what the Gmail quota allows, not all at once (issue 15)', async () => {
    const { s, timing } = await draft({ schedule: { ...MADRID_OFFICE, days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } } }, 490, 0);
    s.t.clock.set('2026-03-06T10:00:00Z');
    const result = await timing();
    // 6,000 units a minute, a sixth kept for reads, 145 units per job at most: 49 sends a minute,
    // one every 1,225 ms, so 490 messages take about ten minutes, not no time at all.
    expect(result?.firstSendAt).toBe('2026-03-06T10:00:00.000Z');
    expect(Date.parse(result!.lastFirstMessageAt) - Date.parse(result!.firstSendAt)).toBe(489 * 1225);
  });
});
