import { afterEach, describe, expect, it } from 'vitest';
import { campaignStatsSchema, statsOverviewSchema, timelineSchema } from '../../../shared/schemas/analytics';
import { trackingEvents } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

/** Five recipients sent to, then a scripted set of events as the tracking endpoints would record them. */
async function scriptedCampaign() {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch(
    { subject: 'Hi', html: '<p>Hi <a href="https://example.org/a">A</a> <a href="https://example.org/b">B</a></p>' },
    ['r0', 'r1', 'r2', 'r3', 'r4'].map((name) => ({ email: `${name}@example.com` })),
  );
  await s.tick();
  const jobs = (await s.t.client.execute({ sql: 'SELECT id, recipient_id FROM send_jobs WHERE campaign_id = ? ORDER BY id', args: [id] })).rows.map(
    (row) => ({ jobId: Number(row.id), recipientId: Number(row.recipient_id) }),
  );
  const at = (minutes: number) => new Date(s.t.clock.now().getTime() + minutes * 60_000);
  const event = (i: number, kind: 'open' | 'click' | 'reply' | 'unsubscribe', minutes: number, machine = false, linkIndex?: number) => ({
    campaignId: id,
    recipientId: jobs[i]!.recipientId,
    jobId: jobs[i]!.jobId,
    step: 0,
    kind,
    machine,
    linkIndex: linkIndex ?? null,
    occurredAt: at(minutes),
  });
  await s.t.db.insert(trackingEvents).values([
    event(0, 'open', 1, true), // Gmail's image proxy
    event(0, 'open', 30), // then a person
    event(0, 'open', 31),
    event(1, 'open', 2, true), // machine only
    event(2, 'open', 90),
    event(2, 'click', 91, false, 1),
    event(3, 'click', 0.05, true, 0), // a scanner clicking at delivery
    event(3, 'click', 0.05, true, 1),
  ]);
  await s.t.client.execute({ sql: "UPDATE recipients SET status = 'replied' WHERE id = ?", args: [jobs[2]!.recipientId] });
  await s.t.db.insert(trackingEvents).values(event(2, 'reply', 120));
  return { s, id };
}

describe('campaign stats', () => {
  it('add up, people first, machines beside them, rates over sent', async () => {
    const { s, id } = await scriptedCampaign();
    const stats = campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/stats`)).json());
    expect(stats).toMatchObject({
      recipients: 5,
      sent: 5,
      replied: 1,
      opens: { unique: 3, human: 2, machine: 2, total: 5 },
      clicks: { unique: 2, human: 1, machine: 1, total: 3 },
      rates: { replied: 0.2, openedByPeople: 0.4, clickedByPeople: 0.2 },
      steps: [{ step: 0, sent: 5, humanOpens: 2, humanClicks: 1, replies: 1 }],
      accounts: [{ email: 'sender@gmail.com', sent: 5, replied: 1, bounced: 0 }],
    });
    expect(stats.links).toEqual([
      { step: 0, linkIndex: 1, url: 'https://example.org/b', asWritten: true, clicks: 2, uniqueHuman: 1 },
      { step: 0, linkIndex: 0, url: 'https://example.org/a', asWritten: true, clicks: 1, uniqueHuman: 0 },
    ]);
  });

  it('buckets the timeline by hour or day in the viewer\'s time zone', async () => {
    const { s, id } = await scriptedCampaign();
    const hourly = timelineSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/timeline?bucket=hour&tz=UTC`)).json());
    expect(hourly.points.map((p) => p.start)).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
    ]);
    expect(hourly.points[0]).toMatchObject({ sent: 5, humanOpens: 2, machineOpens: 2, machineClicks: 2 });
    const kolkata = timelineSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/timeline?bucket=day&tz=Asia/Kolkata`)).json());
    expect(kolkata).toMatchObject({ bucket: 'day', tz: 'Asia/Kolkata' });
    expect(kolkata.points).toHaveLength(1);
    expect(kolkata.points[0]!.start).toBe('2026-03-01T18:30:00.000Z');
    expect((await s.agent.get(`/api/campaigns/${id}/timeline?tz=Mars/Base`)).status).toBe(400);
  });

  it('sums every campaign in the overview', async () => {
    const { s } = await scriptedCampaign();
    const overview = statsOverviewSchema.parse(await (await s.agent.get('/api/stats/overview')).json());
    expect(overview).toMatchObject({ campaigns: { completed: 1 }, recipients: 5, messagesSent: 5, replied: 1, humanOpens: 2, humanClicks: 1 });
  });
});
