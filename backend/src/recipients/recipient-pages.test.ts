import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientPageSchema } from '../../../shared/schemas/recipients';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';

const COUNT = 1_200;
let t: TestApp;
let agent: BrowserAgent;
let campaignId: string;
beforeEach(async () => {
  t = await createTestApp();
  ({ agent } = await signedInAgent(t, 'pager@example.com'));
  campaignId = (await (await agent.post('/api/campaigns', { name: 'Deep list' })).json()).id;
  // Another campaign's rows interleave with this one's ids, as they do in a real database.
  const other = (await (await agent.post('/api/campaigns', { name: 'Other' })).json()).id;
  for (const [id, prefix] of [[campaignId, 'person'], [other, 'other']] as const) {
    const recipients = Array.from({ length: COUNT }, (_, i) => ({ email: `${prefix}${i}@big.example.com`, fields: { company: i % 10 === 7 ? 'Sevens Ltd' : `Company ${i}` } }));
    expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
  }
  // Every third recipient of this campaign has replied.
  await t.client.execute({ sql: "UPDATE recipients SET status = 'replied' WHERE campaign_id = ? AND CAST(substr(email, 7, instr(email, '@') - 7) AS INTEGER) % 3 = 0", args: [campaignId] });
});
afterEach(() => t.close());

async function page(query: string) {
  const response = await agent.get(`/api/campaigns/${campaignId}/recipients?${query}`);
  expect(response.status).toBe(200);
  return recipientPageSchema.parse(await response.json());
}
const numbers = (p: { recipients: { email: string }[] }) => p.recipients.map((r) => Number(/\d+/.exec(r.email)![0]));
const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) }, (_, i) => from + i * step);

describe('jumping deep into the recipient list', () => {
  it('answers the page at a position, counted with the first page, and continues from it with the cursor', async () => {
    const first = await page('limit=100');
    expect(first.total).toBe(COUNT);
    expect(numbers(first)).toEqual(range(0, 100));
    const deep = await page('limit=100&offset=1050');
    expect(numbers(deep)).toEqual(range(1050, 1150));
    expect(deep.total).toBe(COUNT);
    const next = await page(`limit=100&cursor=${deep.nextCursor}`);
    expect(numbers(next)).toEqual(range(1150, 1200));
    expect(next).toMatchObject({ nextCursor: null, total: null });
  });

  it('jumps within a state filter and within a search', async () => {
    const replied = await page('status=replied&limit=50&offset=350');
    expect(replied.total).toBe(400);
    expect(numbers(replied)).toEqual(range(1050, 1200, 3));
    expect(replied.nextCursor).toBeNull();
    const sevens = await page('q=sevens&limit=10&offset=100');
    expect(sevens.total).toBe(120);
    expect(numbers(sevens)).toEqual(range(1007, 1107, 10));
    const both = await page('q=sevens&status=waiting&limit=5&offset=70');
    // Sevens that are not multiples of three: 7, 17, 37, 47, 67, 77, 97… (two in three).
    expect(both.total).toBe(80);
    expect(numbers(both).every((n) => n % 10 === 7 && n % 3 !== 0)).toBe(true);
  });

  it('answers an empty last page past the end, and refuses a cursor with an offset', async () => {
    expect(await page('offset=5000')).toEqual({ recipients: [], nextCursor: null, total: COUNT });
    const both = await agent.get(`/api/campaigns/${campaignId}/recipients?offset=10&cursor=rcp_1`);
    expect(both.status).toBe(400);
    expect(JSON.stringify(await both.json())).toContain('offset');
    expect((await agent.get(`/api/campaigns/${campaignId}/recipients?offset=-1`)).status).toBe(400);
  });
});
