import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientPageSchema } from '../../../shared/schemas/recipients';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
let campaignId: string;
beforeEach(async () => {
  t = await createTestApp();
  ({ agent } = await signedInAgent(t, 'searcher@example.com'));
  campaignId = (await (await agent.post('/api/campaigns', { name: 'Spring' })).json()).id;
  const response = await agent.post(`/api/campaigns/${campaignId}/recipients`, {
    recipients: [
      { email: 'ada@acme.test', fields: { company: 'Acme', note: '50% off' } },
      { email: 'bob@example.com', fields: { company: 'Initech', note: '50 percent' } },
      { email: 'cy@example.com', fields: { company: 'ACME Corp', note: 'say "hi"' } },
      { email: 'di@example.com', fields: { company: 'Globex', note: 'a_b' } },
    ],
  });
  expect(response.status).toBe(201);
});
afterEach(() => t.close());

async function search(query: string) {
  const response = await agent.get(`/api/campaigns/${campaignId}/recipients?${query}`);
  expect(response.status).toBe(200);
  return recipientPageSchema.parse(await response.json());
}
const emails = (page: { recipients: { email: string }[] }) => page.recipients.map((r) => r.email);

describe('searching recipients', () => {
  it('finds the address or any field value, ignoring ASCII case', async () => {
    expect(emails(await search('q=acme'))).toEqual(['ada@acme.test', 'cy@example.com']);
    expect(emails(await search('q=BOB'))).toEqual(['bob@example.com']);
    expect(emails(await search(`q=${encodeURIComponent('"hi"')}`))).toEqual(['cy@example.com']);
  });

  it('does not match a field by its name alone', async () => {
    expect(emails(await search('q=company'))).toEqual([]);
  });

  it('takes % and _ literally', async () => {
    expect(emails(await search(`q=${encodeURIComponent('50%')}`))).toEqual(['ada@acme.test']);
    expect(emails(await search('q=a_b'))).toEqual(['di@example.com']);
  });

  it('pages through the matches with the cursor and combines with the state filter', async () => {
    const first = await search('q=example.com&limit=1');
    expect(emails(first)).toEqual(['bob@example.com']);
    const second = await search(`q=example.com&limit=1&cursor=${first.nextCursor}`);
    expect(emails(second)).toEqual(['cy@example.com']);
    const third = await search(`q=example.com&limit=1&cursor=${second.nextCursor}`);
    expect(third).toMatchObject({ nextCursor: null });
    expect(emails(third)).toEqual(['di@example.com']);
    expect(emails(await search('q=example.com&status=pending'))).toHaveLength(3);
    expect(emails(await search('q=example.com&status=waiting'))).toHaveLength(3);
    expect(emails(await search('q=example.com&status=replied'))).toEqual([]);
  });

  it('treats an empty search as none and refuses a search over two lines', async () => {
    expect(emails(await search('q='))).toHaveLength(4);
    expect((await agent.get(`/api/campaigns/${campaignId}/recipients?q=a%0Ab`)).status).toBe(400);
  });
});
