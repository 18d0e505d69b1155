import { afterEach, describe, expect, it } from 'vitest';
import { timelineSchema } from '../../../shared/schemas/analytics';
import { sentCampaignScenario } from '../testing/sent-campaign-scenario';

const scenarios: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

describe('campaign timeline', () => {
  it('gives only the busy hours of a timeline longer than a year of hours, with their counts', async () => {
    const s = await sentCampaignScenario({ html: '<p>Hi</p>', recipients: ['ada@example.com'] });
    scenarios.push(s);
    const { recipientId, jobId, sentAt } = await s.recipient('ada@example.com');
    const twoYearsLater = sentAt!.getTime() + 2 * 365 * 86_400_000;
    await s.t.client.execute({
      sql: `INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, machine, occurred_at) VALUES (?, ?, ?, 0, 'open', 0, ?), (?, ?, ?, 0, 'reply', 0, ?)`,
      args: [s.campaignId, recipientId, jobId, twoYearsLater, s.campaignId, recipientId, jobId, twoYearsLater + 60_000],
    });
    const hourly = timelineSchema.parse(await (await s.agent.get(`/api/campaigns/${s.campaignId}/timeline?bucket=hour&tz=Asia/Kathmandu`)).json());
    expect(hourly.points).toHaveLength(2);
    expect(hourly.points[0]).toMatchObject({ sent: 1, humanOpens: 0 });
    expect(hourly.points[1]).toMatchObject({ sent: 0, humanOpens: 1, replies: 1 });
    // Kathmandu is UTC+5:45: its hours start at :15 past a UTC hour.
    expect(hourly.points[1]!.start).toMatch(/T\d\d:15:00\.000Z$/);
  });
});
