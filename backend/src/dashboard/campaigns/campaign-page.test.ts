import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AbDecision } from '../../../../shared/schemas/variants';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
let campaignId: string;

const A = { subject: 'Hello <there>', html: '<p>Hi</p>' };
const B = { subject: 'A question', html: '<p>Quick one</p>' };
const PEOPLE = Array.from({ length: 10 }, (_, k) => ({ email: `r${k}@example.com` }));

beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
  campaignId = (await (await agent.post('/api/campaigns', { name: 'Spring', ...A })).json()).id;
  expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: PEOPLE })).status).toBe(201);
});
afterEach(() => t.close());

/**
 * The rows a launch split A, B, A, B… and the engine's sends leave: every first message sent with its
 * variant, then replies from `replies` (by launch order) and a person's click from r0, as the reply
 * reader and the tracking endpoints record them.
 */
async function sentSplit(replies: number[], decision: AbDecision | null, abTest: object | null = null) {
  const now = Date.UTC(2026, 2, 2, 10);
  await t.client.execute({
    sql: "UPDATE campaigns SET status = 'sending', variants = ?, ab_test = ?, ab_decision = ? WHERE id = ?",
    args: [JSON.stringify([A, B]), abTest ? JSON.stringify(abTest) : null, decision ? JSON.stringify(decision) : null, campaignId],
  });
  await t.client.execute({
    sql: `INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, sent_at, created_at, account_id, tracked, variant, split_key)
          SELECT campaign_id, id, user_id, 0, 'sent', ?, 1, '<' || id || '@test>', ?, ?, 'acc', 1,
                 (row_number() OVER (ORDER BY id) - 1) % 2, row_number() OVER (ORDER BY id) - 1
          FROM recipients WHERE campaign_id = ?`,
    args: [now, now, now, campaignId],
  });
  const jobs = (await t.client.execute({ sql: 'SELECT id, recipient_id FROM send_jobs WHERE campaign_id = ? ORDER BY split_key', args: [campaignId] })).rows.map(
    (row) => ({ id: Number(row.id), recipient_id: Number(row.recipient_id) }),
  );
  const event = (k: number, kind: string) =>
    t.client.execute({
      sql: 'INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, machine, occurred_at) VALUES (?, ?, ?, 0, ?, 0, ?)',
      args: [campaignId, jobs[k]!.recipient_id, jobs[k]!.id, kind, now + 3_600_000],
    });
  for (const k of replies) {
    await event(k, 'reply');
    await t.client.execute({ sql: "UPDATE recipients SET status = 'replied' WHERE id = ?", args: [jobs[k]!.recipient_id] });
  }
  await event(0, 'click');
}

const page = async () => {
  const response = await agent.get(`/campaigns/${campaignId}`);
  expect(response.status).toBe(200);
  return response.text();
};
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
/** The page's text, tags and runs of white space gone, entities read, as a reader hears it. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&(lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]!);

describe('campaign page', () => {
  it('is linked from the list and shows the figures, without a variants section when there are none', async () => {
    expect(await (await agent.get('/campaigns')).text()).toContain(`href="/campaigns/${campaignId}"`);
    const html = await page();
    expect(textOf(html)).toContain('Recipients 10 recipients');
    expect(html).not.toContain('A/B variants');
  });

  it('shows each variant with its subject, sent, replies and people\'s clicks, and who won on what figures', async () => {
    const decision: AbDecision = {
      decidedAt: '2026-03-03T10:00:00.000Z',
      metric: 'replies',
      outcome: 'winner',
      winner: 1,
      minimumEvents: 5,
      variants: [
        { index: 0, sent: 5, events: 1, rate: 0.2 },
        { index: 1, sent: 5, events: 4, rate: 0.8 },
      ],
    };
    // Launch order 0, 2, 4… got A; 1, 3, 5… got B.
    await sentSplit([0, 1, 3, 5, 7], decision);
    const text = textOf(await page());
    expect(text).toContain('A/B variants');
    expect(text).toContain('A Hello <there> 5 1 of 5 (20%) 1 of 5 (20%)');
    expect(text).toContain('B Winner A question 5 4 of 5 (80%) 0 of 5 (0%)');
    expect(text).toContain('B won on replies: 4 of 5 (80%) vs 1 of 5 (20%)');
    expect(text).toContain('Replied 5 of 10 (50%)');
  });

  it('says why the split was kept', async () => {
    const decision: AbDecision = {
      decidedAt: '2026-03-03T10:00:00.000Z',
      metric: 'replies',
      outcome: 'too-few',
      winner: null,
      minimumEvents: 5,
      variants: [
        { index: 0, sent: 5, events: 1, rate: 0.2 },
        { index: 1, sent: 5, events: 2, rate: 0.4 },
      ],
    };
    await sentSplit([0, 1, 3], decision);
    const text = textOf(await page());
    expect(text).toContain('Kept the split: too few replies (3, need 5)');
    expect(text).not.toContain('Winner');
  });

  it('says how the test goes before the decision', async () => {
    await sentSplit([1], null, { metric: 'clicks', testPercent: 20, waitHours: 1 });
    const text = textOf(await page());
    expect(text).toContain("20% of recipients get the variants first; the one with the most people's clicks goes to the rest 1 hour after the last of them is sent.");
  });

  it("answers 404 for another user's campaign", async () => {
    await sentSplit([1], null);
    const other = browserAgent(t);
    await signUpWithForm(other, 'eve@example.com');
    const response = await other.get(`/campaigns/${campaignId}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('A question');
  });
});
