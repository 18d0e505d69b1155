import { afterEach, describe, expect, it } from 'vitest';
import { campaignStatsSchema, type CampaignStats } from '../../../shared/schemas/analytics';
import type { AbDecision } from '../../../shared/schemas/variants';
import { trackingEvents } from '../db/schema';
import { signedInAgent } from '../testing/browser-agent';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { RE_FIRST_SUBJECTS } from './variant-stats';

const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const PEOPLE = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'].map((name) => ({ email: `${name}@example.com` }));
const A = { subject: 'Hello', html: '<p>Hi <a href="https://example.org/a">A</a> <a href="https://example.org/b">B</a></p>' };
const B = { subject: 'A question for you', html: '<p>Quick one: <a href="https://example.org/b2">see</a></p>' };
const DECISION: AbDecision = {
  decidedAt: '2026-03-03T10:00:00.000Z',
  metric: 'replies',
  outcome: 'winner',
  winner: 1,
  minimumEvents: 5,
  variants: [
    { index: 0, sent: 3, events: 1, rate: 0.3333 },
    { index: 1, sent: 3, events: 2, rate: 0.6667 },
  ],
};

/**
 * Six recipients sent the first message, split A, B, A, B… by launch order as the A/B rules say; then
 * events as the tracking endpoints and the reply reader record them. The variants, the decision and
 * the follow-up's variants are written to the rows directly, as a launch and the scheduler would.
 */
async function splitCampaign() {
  const s = await sendingScenario();
  scenarios.push(s);
  await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const id = await s.launch({ ...A, followUps: [{ delayHours: 1, html: '<p>Again</p>' }] }, PEOPLE);
  await s.tick();
  const { client } = s.t;
  await client.execute({
    sql: 'UPDATE campaigns SET variants = ?, follow_ups = ?, ab_test = ?, ab_decision = ? WHERE id = ?',
    args: [
      JSON.stringify([A, B]),
      JSON.stringify([
        { delayHours: 1, subject: null, html: '<p>Again</p>', condition: 'no_reply', variants: [{ subject: null, html: '<p>Again</p>' }, { subject: 'Bump', html: '<p>Bump</p>' }] },
      ]),
      JSON.stringify({ metric: 'replies', testPercent: 50, waitHours: 24 }),
      JSON.stringify(DECISION),
      id,
    ],
  });
  const jobs = (
    await client.execute({ sql: "SELECT id, recipient_id FROM send_jobs WHERE campaign_id = ? AND step = 0 AND status = 'sent' ORDER BY recipient_id", args: [id] })
  ).rows.map((row) => ({ jobId: Number(row.id), recipientId: Number(row.recipient_id) }));
  expect(jobs).toHaveLength(PEOPLE.length);
  for (const [k, job] of jobs.entries()) {
    await client.execute({ sql: 'UPDATE send_jobs SET variant = ?, split_key = ? WHERE recipient_id = ? AND step = 0', args: [k % 2, k, job.recipientId] });
    await client.execute({ sql: 'UPDATE send_jobs SET split_key = ? WHERE recipient_id = ? AND step = 1', args: [k, job.recipientId] });
  }
  // r4 and r5 got the follow-up: variant k mod 2, decided as it was sent.
  const sentAt = s.t.clock.now().getTime() + 3_600_000;
  for (const k of [4, 5]) {
    await client.execute({
      sql: "UPDATE send_jobs SET status = 'sent', sent_at = ?, variant = ? WHERE recipient_id = ? AND step = 1",
      args: [sentAt, k % 2, jobs[k]!.recipientId],
    });
  }
  const at = (minutes: number) => new Date(s.t.clock.now().getTime() + minutes * 60_000);
  const event = (k: number, kind: 'open' | 'click' | 'reply', minutes: number, { machine = false, step = 0, linkIndex = null as number | null } = {}) => ({
    campaignId: id,
    recipientId: jobs[k]!.recipientId,
    jobId: jobs[k]!.jobId,
    step,
    kind,
    machine,
    linkIndex,
    occurredAt: at(minutes),
  });
  await s.t.db.insert(trackingEvents).values([
    event(0, 'reply', 30), // A
    event(1, 'reply', 31), // B
    event(3, 'reply', 32), // B
    event(3, 'reply', 33), // B again: one recipient
    event(1, 'open', 10), // B, a person
    event(2, 'open', 11, { machine: true }), // A, Gmail's image proxy: not a person
    event(2, 'click', 12, { linkIndex: 1 }), // A's second link
    event(4, 'click', 0.05, { machine: true, linkIndex: 0 }), // a scanner at delivery
    event(1, 'click', 14, { linkIndex: 2 }), // B's only link: indexes run on through the variants
    event(5, 'reply', 90, { step: 1 }), // the follow-up's variant B ("Bump")
  ]);
  return { s, id };
}

const statsOf = async (s: SendingScenario, id: string) => campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/stats`)).json());
const byIndex = (variants: CampaignStats['variants']) => (variants ?? []).map(({ index, subject, sent, replied, humanOpens, humanClicks, winner }) => ({ index, subject, sent, replied, humanOpens, humanClicks, winner }));

describe('campaign stats per A/B variant', () => {
  it('count each variant of each step, people only, and mark the winner of the first message', async () => {
    const { s, id } = await splitCampaign();
    const stats = await statsOf(s, id);
    expect(byIndex(stats.variants)).toEqual([
      { index: 0, subject: 'Hello', sent: 3, replied: 1, humanOpens: 0, humanClicks: 1, winner: false },
      { index: 1, subject: 'A question for you', sent: 3, replied: 2, humanOpens: 1, humanClicks: 1, winner: true },
    ]);
    expect(stats.variants![1]!.rates).toEqual({ replied: 0.6667, openedByPeople: 0.3333, clickedByPeople: 0.3333 });
    expect(stats.steps[0]!.variants).toEqual(stats.variants);
    // The follow-up's variant A has no subject of its own: each recipient's "Re: " differs, as their first message did.
    expect(byIndex(stats.steps[1]!.variants)).toEqual([
      { index: 0, subject: RE_FIRST_SUBJECTS, sent: 1, replied: 0, humanOpens: 0, humanClicks: 0, winner: false },
      { index: 1, subject: 'Bump', sent: 1, replied: 1, humanOpens: 0, humanClicks: 0, winner: false },
    ]);
    expect(stats.abDecision).toEqual(DECISION);
    // Each link named with the variant it is written in: B's only link is index 2, after A's two.
    expect(stats.links).toEqual([
      { step: 0, linkIndex: 1, url: 'https://example.org/b', asWritten: true, clicks: 1, uniqueHuman: 1, variant: 0 },
      { step: 0, linkIndex: 2, url: 'https://example.org/b2', asWritten: true, clicks: 1, uniqueHuman: 1, variant: 1 },
      { step: 0, linkIndex: 0, url: 'https://example.org/a', asWritten: true, clicks: 1, uniqueHuman: 0, variant: 0 },
    ]);
    // The campaign's own figures are the variants' sums.
    expect(stats).toMatchObject({ sent: 6, steps: [{ step: 0, sent: 6, replies: 3 }, { step: 1, sent: 2, replies: 1 }] });
  });

  it('lists every variant written, zeros for one not sent yet, and no winner before the decision', async () => {
    const { s, id } = await splitCampaign();
    const C = { subject: 'Third try', html: '<p>C</p>' };
    await s.t.client.execute({ sql: 'UPDATE campaigns SET variants = ?, ab_decision = NULL WHERE id = ?', args: [JSON.stringify([A, B, C]), id] });
    const stats = await statsOf(s, id);
    expect(byIndex(stats.variants).map(({ subject, sent, winner }) => ({ subject, sent, winner }))).toEqual([
      { subject: 'Hello', sent: 3, winner: false },
      { subject: 'A question for you', sent: 3, winner: false },
      { subject: 'Third try', sent: 0, winner: false },
    ]);
    expect(stats.variants![2]!.rates).toEqual({ replied: 0, openedByPeople: 0, clickedByPeople: 0 });
    expect(stats.abDecision).toBeNull();
  });

  it('answers a campaign without variants as before', async () => {
    const s = await sendingScenario();
    scenarios.push(s);
    await s.agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    const id = await s.launch(A, PEOPLE.slice(0, 2));
    await s.tick();
    const body = await (await s.agent.get(`/api/campaigns/${id}/stats`)).json();
    expect(body).not.toHaveProperty('variants');
    expect(body.steps).toEqual([{ step: 0, sent: 2, humanOpens: 0, humanClicks: 0, replies: 0 }]);
    expect(body.abDecision).toBeNull();
    expect(body.links).toEqual([]);
  });

  it("answers 404 for another user's campaign", async () => {
    const { s, id } = await splitCampaign();
    const { agent: other } = await signedInAgent(s.t, 'eve@example.com');
    const response = await other.get(`/api/campaigns/${id}/stats`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain('Hello');
  });
});
