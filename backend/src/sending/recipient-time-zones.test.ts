import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema } from '../../../shared/schemas/launch';
import { recipients as recipientsTable, sendJobs } from '../db/schema';
import { sendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';

const opened = closedAfterEach(sendingScenario);

const MINUTE = 60_000;
/** Weekdays 09:00–17:00 in UTC, each recipient in the zone of their "Time Zone" column (issue 18). */
const UTC_OFFICE = { timezone: 'UTC', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } };

/** The local weekday and minutes since midnight of `at` in `zone`. */
function localTime(zone: string, at: Date) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { weekday: parts.weekday!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function expectInsideOfficeHours(zone: string, at: Date) {
  const { weekday, minutes } = localTime(zone, at);
  expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], `${zone} ${at.toISOString()}`).toContain(weekday);
  expect(minutes, `${zone} ${at.toISOString()}`).toBeGreaterThanOrEqual(9 * 60);
  expect(minutes, `${zone} ${at.toISOString()}`).toBeLessThan(17 * 60);
}

describe("sending in each recipient's time zone", () => {
  it('sends to Tokyo, Madrid (across its DST change) and a fallback recipient inside 09:00–17:00 of their own zone, follow-ups too', async () => {
    // The fake clock starts early in March: a session long enough to reach Madrid's DST change.
    const s = await opened({ accounts: ['sender@work.example'], env: { SESSION_TTL_HOURS: String(24 * 60) } });
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    // Friday 27 March 2026, 20:00Z: Saturday 05:00 in Tokyo, Friday 21:00 in Madrid, which moves
    // from CET (+01:00) to CEST (+02:00) on Sunday 29 March.
    s.t.clock.set('2026-03-27T20:00:00Z');
    const created = await s.agent.post('/api/campaigns', {
      name: 'Zones',
      accountIds: s.accountIds,
      subject: 'Hi',
      html: '<p>Hi</p>',
      schedule: UTC_OFFICE,
      // Due 10 hours after the first message: outside Tokyo's and Madrid's hours, so it waits for their next morning.
      followUps: [{ delayHours: 10, html: '<p>Following up</p>', condition: 'always' }],
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const people = [
      { email: 'tokyo@example.jp', fields: { 'Time Zone': 'Asia/Tokyo' } },
      { email: 'madrid@example.es', fields: { 'Time Zone': 'Europe/Madrid' } },
      { email: 'nowhere@example.com', fields: { 'Time Zone': 'Mars/Olympus Mons' } },
      { email: 'offset@example.in', fields: { 'Time Zone': 'UTC+5:30' } },
    ];
    expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients: people })).status).toBe(201);

    // Only an imported column may be named.
    const unknown = await s.agent.patch(`/api/campaigns/${id}`, { schedule: { recipientTimeZoneField: 'Zone' } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('schedule.recipientTimeZoneField');
    expect((await s.agent.patch(`/api/campaigns/${id}`, { schedule: { recipientTimeZoneField: 'time zone' } })).status).toBe(200);

    const preflight = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight`)).json());
    expect(preflight.recipientTimeZones).toEqual({ field: 'time zone', fallback: 1, zones: 4 });
    expect(preflight.warnings?.map((warning) => warning.code)).toContain('time-zone-fallback');
    // The first message goes when Tokyo's Monday opens (the campaign's own zone opens 9 hours later).
    expect(preflight.timing?.firstSendAt).toBe('2026-03-30T00:00:00.000Z');
    expect(new Date(preflight.timing!.lastMessageAt) >= new Date('2026-03-31T09:00:00Z')).toBe(true);

    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
    expect((await s.tick()).attempts).toEqual([]);
    // Nobody's hours are open: the campaign says until when, the earliest opening among them.
    const waiting = async () => campaignSchema.parse(await s.campaign(id)).progress?.waiting;
    expect(await waiting()).toEqual({ reason: 'outside-hours', until: '2026-03-30T00:00:00.000Z' });

    for (let tick = 0; tick < 6 * 96; tick++) {
      s.t.clock.advance(15 * MINUTE);
      await s.tick();
      if ((await s.campaign(id)).status === 'completed') break;
    }
    expect((await s.campaign(id)).status).toBe('completed');

    const jobs = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    const emails = new Map((await s.t.db.select().from(recipientsTable).where(eq(recipientsTable.campaignId, id))).map((row) => [row.id, row.email]));
    const sentAt = (email: string, step: number) => {
      const job = jobs.find((row) => emails.get(row.recipientId) === email && row.step === step)!;
      expect(job.status, `${email} step ${step}`).toBe('sent');
      // Given back while waiting (not an attempt): each went on its first try.
      expect(job.attempts).toBe(1);
      return job.sentAt!.toISOString();
    };
    // Monday 30 March 09:00 in each zone: Tokyo +09:00, Madrid now +02:00 (CEST), UTC+5:30, and UTC for the fallback.
    expect(sentAt('tokyo@example.jp', 0)).toBe('2026-03-30T00:00:00.000Z');
    expect(sentAt('madrid@example.es', 0)).toBe('2026-03-30T07:00:00.000Z');
    expect(sentAt('offset@example.in', 0)).toBe('2026-03-30T03:30:00.000Z');
    expect(sentAt('nowhere@example.com', 0)).toBe('2026-03-30T09:00:00.000Z');
    // Follow-ups due 10 hours later fall after 17:00 for Tokyo, Madrid and UTC+5:30: they go the next morning, their time.
    expect(sentAt('tokyo@example.jp', 1)).toBe('2026-03-31T00:00:00.000Z');
    expect(sentAt('madrid@example.es', 1)).toBe('2026-03-31T07:00:00.000Z');
    expect(sentAt('offset@example.in', 1)).toBe('2026-03-31T03:30:00.000Z');
    // The fallback's is due 19:00 UTC, after the campaign's hours: Tuesday 09:00 UTC.
    expect(sentAt('nowhere@example.com', 1)).toBe('2026-03-31T09:00:00.000Z');
    for (const step of [0, 1]) {
      expectInsideOfficeHours('Asia/Tokyo', new Date(sentAt('tokyo@example.jp', step)));
      expectInsideOfficeHours('Europe/Madrid', new Date(sentAt('madrid@example.es', step)));
      expectInsideOfficeHours('Asia/Kolkata', new Date(sentAt('offset@example.in', step)));
      expectInsideOfficeHours('UTC', new Date(sentAt('nowhere@example.com', step)));
    }
    // Exactly once: one copy of each message in the sender's mailbox.
    const copies = await s.sentCopies(['sender@work.example']);
    expect([...copies.values()]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
