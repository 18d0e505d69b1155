import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, recipients, suppressions, users } from '../db/schema';
import { signedInWithDraft } from '../testing/draft-campaign';
import { createTestApp } from '../testing/test-app';
import { closedAfterEach } from '../testing/use-test-app';
import { EXPORT_PAGE_ROWS, exportUserData, streamUserData } from './export-data';

const freshApp = closedAfterEach(createTestApp);

/** A user with two campaigns: one of more than two pages of recipients and deliveries, one small; and suppressions. */
async function setup() {
  const t = await freshApp();
  const { agent, campaignId, upload } = await signedInWithDraft(t, 'big-exporter@example.com');
  const big = EXPORT_PAGE_ROWS * 2 + 3;
  const csv = ['email,company', ...Array.from({ length: big }, (_, i) => `p${i}@example.com,"Co ""${i}"" é"`)].join('\n');
  expect((await upload(csv)).status).toBe(201);
  const second = (await (await agent.post('/api/campaigns', { name: 'Second' })).json()) as { id: string };
  await agent.post(`/api/campaigns/${second.id}/recipients`, { recipients: [{ email: 'ada@example.com', fields: { Company: 'AE' } }] });
  const [user] = await t.db.select().from(users).where(eq(users.email, 'big-exporter@example.com'));
  // Deliveries: one queued job per recipient of the big campaign, as a launch writes them.
  await t.db.run(sql`INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
    SELECT campaign_id, id, user_id, 0, 'queued', 0, 0, '<' || id || '@test>', 0 FROM recipients WHERE campaign_id = ${campaignId}`);
  for (const key of ['zed@example.com', 'amy@example.com', 'mid@example.com']) {
    await t.db.insert(suppressions).values({ userId: user!.id, email: key, emailKey: key, reason: 'manual', createdAt: t.clock.now() });
  }
  return { ...t, agent, userId: user!.id, campaignId, big };
}

const exactText = (bytes: ArrayBuffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('the streamed GET /api/export (issue 17)', () => {
  it('answers byte for byte the JSON of the one-piece export, with the same headers', async () => {
    const t = await setup();
    const response = await t.agent.get('/api/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="iconnect-export-${t.clock.now().toISOString().slice(0, 10)}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = exactText(await response.arrayBuffer());
    expect(text).toBe(JSON.stringify(await exportUserData(t, t.userId)));
    const data = JSON.parse(text) as { campaigns: { recipients: unknown[]; deliveries: unknown[] }[]; suppressions: { email: string }[] };
    expect(data.campaigns.map((campaign) => [campaign.recipients.length, campaign.deliveries.length])).toEqual([
      [t.big, t.big],
      [1, 0],
    ]);
    expect(data.suppressions.map((row) => row.email)).toEqual(['amy@example.com', 'mid@example.com', 'zed@example.com']);
  });

  it('sends its first part before it has read the recipients (one deleted after it arrived is not in the file)', async () => {
    const t = await setup();
    const { body } = streamUserData(t, t.userId);
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value, { stream: true });
    expect(first).toContain('"exportedAt"');
    expect(first).not.toContain('p0@example.com');
    const last = `p${t.big - 1}@example.com`;
    await t.db.delete(recipients).where(eq(recipients.emailKey, last));
    let text = first;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    expect(text).not.toContain(last);
    expect(text).toBe(JSON.stringify(await exportUserData(t, t.userId)));
    expect(JSON.parse(text).campaigns[0].recipients).toHaveLength(t.big - 1);
  });

  it('answers the empty lists of a new account as before', async () => {
    const t = await freshApp();
    const { agent } = await signedInWithDraft(t, 'new@example.com');
    const [user] = await t.db.select().from(users).where(eq(users.email, 'new@example.com'));
    await t.db.delete(campaigns).where(eq(campaigns.userId, user!.id));
    const text = exactText(await (await agent.get('/api/export')).arrayBuffer());
    expect(text).toBe(JSON.stringify(await exportUserData(t, user!.id)));
    expect(JSON.parse(text)).toMatchObject({ campaigns: [], suppressions: [], apiTokens: [] });
  });
});
