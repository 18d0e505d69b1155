import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema } from '../../../shared/schemas/launch';
import { recipientZone } from '../schedule';
import { sendingScenario } from '../testing/sending-scenario';
import { findCampaign } from './campaign-store';
import { launchedCampaignZones } from './preflight-zones';
import { closedAfterEach } from '../testing/use-test-app';

const opened = closedAfterEach(sendingScenario);

/** Weekdays 09:00–17:00 in Madrid; each recipient in the zone of their "Zone" column (issue 18). */
const MADRID_OFFICE = { timezone: 'Europe/Madrid', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };

/** A campaign of `count` recipients in `zone`, checked in the preflight and then launched; both estimates. */
async function estimates(zone: string, count: number) {
  const s = await opened({ accounts: ['sender@work.example'] });
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 60, maxGapSeconds: 60, dailyLimit: 1000 });
  // Friday 6 March 2026, 08:00Z: 09:00 in Madrid (its window opens), 17:00 in Tokyo (its window closes).
  s.t.clock.set('2026-03-06T08:00:00Z');
  const created = await s.agent.post('/api/campaigns', {
    name: 'Zones',
    accountIds: s.accountIds,
    subject: 'Hi',
    html: '<p>Hi</p>',
    schedule: MADRID_OFFICE,
    followUps: [{ delayHours: 24, html: '<p>Again</p>', condition: 'always' }],
  });
  const { id } = await created.json();
  const people = Array.from({ length: count }, (_, i) => ({ email: `p${i}@example.com`, fields: { Zone: zone } }));
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people })).status).toBe(201);
  expect((await s.agent.patch(`/api/campaigns/${id}`, { schedule: { recipientTimeZoneField: 'Zone' } })).status).toBe(200);

  const preflight = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight`)).json());
  expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
  const campaign = campaignSchema.parse(await (await s.agent.get(`/api/campaigns/${id}`)).json());
  return { preflight: Date.parse(preflight.timing!.lastMessageAt), progress: Date.parse(campaign.progress!.expectedFinishAt!) };
}

describe("the progress's finish estimate with each recipient's time zone", () => {
  it("plans recipients in Tokyo in Tokyo's hours, as the preflight does, not in the campaign's", async () => {
    const tokyo = await estimates('Asia/Tokyo', 120);
    const madrid = await estimates('Europe/Madrid', 120);
    // The same list in the campaign's own zone: 120 a minute apart from 09:00 Madrid, follow-ups a day later.
    expect(new Date(madrid.progress).toISOString()).toBe('2026-03-09T09:59:00.000Z');
    // Tokyo's Friday is over: Monday 09:00 Tokyo (00:00Z), follow-ups on Tuesday, the last at 01:59Z.
    expect(new Date(tokyo.progress).toISOString()).toBe('2026-03-10T01:59:00.000Z');
    // The preflight, just before the launch, said the same (within a minute).
    expect(Math.abs(tokyo.progress - tokyo.preflight)).toBeLessThanOrEqual(60_000);
    expect(Math.abs(madrid.progress - madrid.preflight)).toBeLessThanOrEqual(60_000);
  });
});

describe("a launched campaign's recipients per zone", () => {
  it.each(['time zone', 'Zone "local"'])('counts them by the engine\'s rule, under every spelling of the column (%s)', async (column) => {
    const s = await opened({ accounts: ['sender@work.example'] });
    const { id } = await (await s.agent.post('/api/campaigns', { name: 'Z', accountIds: s.accountIds, subject: 'Hi', html: '<p>Hi</p>', schedule: MADRID_OFFICE })).json();
    const spelt = column === 'time zone' ? ['Time Zone', 'TIME  zone'] : [column, column];
    const people = [
      ...Array.from({ length: 5 }, (_, i) => ({ email: `tokyo${i}@example.jp`, fields: { [spelt[0]!]: 'Asia/Tokyo' } })),
      ...Array.from({ length: 3 }, (_, i) => ({ email: `india${i}@example.in`, fields: { [spelt[1]!]: ' UTC+5:30 ' } })),
      { email: 'mars@example.com', fields: { [spelt[0]!]: 'Mars/Olympus Mons' } },
      { email: 'none@example.com', fields: { Other: 'x' } },
    ];
    // Two imports, each with its own spelling of the header.
    expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people.slice(0, 5) })).status).toBe(201);
    expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people.slice(5) })).status).toBe(201);
    expect((await s.agent.patch(`/api/campaigns/${id}`, { schedule: { recipientTimeZoneField: column } })).status).toBe(200);
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, { allowBlank: true })).status).toBe(200);
    const campaign = (await findCampaign(s.t.deps, (await s.agent.get('/api/me').then((r) => r.json())).user.id, id))!;

    const expected = new Map<string, number>();
    for (const person of people) {
      const { zone } = recipientZone(campaign.schedule, person.fields);
      expected.set(zone, (expected.get(zone) ?? 0) + 1);
    }
    expect(Object.fromEntries(expected)).toEqual({ 'Asia/Tokyo': 5, '+05:30': 3, 'Europe/Madrid': 2 });
    expect(Object.fromEntries((await launchedCampaignZones(s.t.db, campaign))!)).toEqual(Object.fromEntries(expected));
  });
});
