import { afterEach, describe, expect, it } from 'vitest';
import { campaignStatsSchema, timelineSchema } from '../../../shared/schemas/analytics';
import { trackingEvents } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

/** Three recipients of different companies, sent a body whose first link carries {{company}}, and a follow-up with a link of its own. */
async function sentCampaign() {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch(
    {
      subject: 'Hi',
      html: '<p>See <a href="https://x.test/offer?c={{company}}">the offer</a> or https://x.test/about</p>',
      followUps: [{ delayHours: 1, html: '<p>Again: <a href="https://x.test/again?c={{company}}">here</a></p>' }],
    },
    [
      { email: 'ann@example.com', fields: { company: 'Acme' } },
      { email: 'bob@example.com', fields: { company: 'Beta, Inc.' } },
      { email: 'cy@example.com', fields: { company: 'Gamma' } },
    ],
  );
  await s.tick();
  const jobs = (await s.t.client.execute({ sql: 'SELECT id, recipient_id FROM send_jobs WHERE campaign_id = ? AND step = 0 ORDER BY id', args: [id] })).rows.map((row) => ({
    jobId: Number(row.id),
    recipientId: Number(row.recipient_id),
  }));
  const click = (i: number, step: number, linkIndex: number | null, url: string | null, machine = false) => ({
    campaignId: id,
    recipientId: jobs[i]!.recipientId,
    jobId: jobs[i]!.jobId,
    step,
    kind: 'click' as const,
    machine,
    linkIndex,
    url,
    occurredAt: s.t.clock.now(),
  });
  const stats = async () => campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/stats`)).json());
  return { s, id, click, stats };
}

describe('links in analytics', () => {
  it('groups the clicks of every merged URL under the link as written, tags kept', async () => {
    const { s, click, stats } = await sentCampaign();
    // The merged URLs differ per recipient (…?c=Acme, …?c=Beta%2C%20Inc.); the template link is the same.
    const merged = (await s.t.client.execute('SELECT url FROM job_links WHERE link_index = 0 ORDER BY job_id')).rows.map((row) => String(row.url));
    expect(new Set(merged).size).toBe(3);
    await s.t.db.insert(trackingEvents).values([click(0, 0, 0, merged[0]!), click(1, 0, 0, merged[1]!), click(1, 0, 0, merged[1]!), click(2, 0, 1, 'https://x.test/about')]);
    expect((await stats()).links).toEqual([
      { step: 0, linkIndex: 0, url: 'https://x.test/offer?c={{company}}', asWritten: true, clicks: 3, uniqueHuman: 2 },
      // A URL typed bare in the body is a link too, counted where the sent message had it.
      { step: 0, linkIndex: 1, url: 'https://x.test/about', asWritten: true, clicks: 1, uniqueHuman: 1 },
    ]);
  });

  it('gives a follow-up its own rows', async () => {
    const { s, click, stats } = await sentCampaign();
    await s.t.db.insert(trackingEvents).values([click(0, 1, 0, 'https://x.test/again?c=Acme')]);
    expect((await stats()).links).toEqual([{ step: 1, linkIndex: 0, url: 'https://x.test/again?c={{company}}', asWritten: true, clicks: 1, uniqueHuman: 1 }]);
  });

  it('falls back to the URL for clicks recorded without a link index, one row per URL', async () => {
    const { s, click, stats } = await sentCampaign();
    await s.t.db.insert(trackingEvents).values([click(0, 0, null, 'https://x.test/offer?c=Acme'), click(1, 0, null, 'https://x.test/offer?c=Beta'), click(2, 0, null, 'https://x.test/offer?c=Beta')]);
    expect((await stats()).links).toEqual([
      { step: 0, linkIndex: 0, url: 'https://x.test/offer?c=Beta', asWritten: false, clicks: 2, uniqueHuman: 2 },
      { step: 0, linkIndex: 0, url: 'https://x.test/offer?c=Acme', asWritten: false, clicks: 1, uniqueHuman: 1 },
    ]);
  });
});

describe('the timeline', () => {
  it('has a bucket for every hour from the first event to the last, empty ones as zeros', async () => {
    const { s, id, click } = await sentCampaign();
    const later = (hours: number) => ({ ...click(0, 0, 0, null), kind: 'open' as const, occurredAt: new Date(s.t.clock.now().getTime() + hours * 3_600_000) });
    await s.t.db.insert(trackingEvents).values([later(3), later(5)]);
    const hourly = timelineSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/timeline?bucket=hour&tz=Europe/Madrid`)).json());
    const starts = hourly.points.map((point) => Date.parse(point.start));
    expect(starts.slice(1).map((start, i) => start - starts[i]!)).toEqual(Array(starts.length - 1).fill(3_600_000));
    expect(hourly.points.at(-1)!.humanOpens).toBe(1);
    expect(hourly.points.filter((point) => Object.values(point).every((value) => typeof value === 'string' || value === 0)).length).toBeGreaterThan(0);
  });
});
