import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
let campaignId: string;
beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
  campaignId = (await (await agent.post('/api/campaigns', { name: 'Spring <launch>' })).json()).id;
  const added = await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
  expect(added.status).toBe(201);
});
afterEach(() => t.close());

async function recipientRows() {
  const rows = await t.client.execute({ sql: 'SELECT count(*) AS n FROM recipients WHERE campaign_id = ?', args: [campaignId] });
  return rows.rows[0]!.n;
}

describe('campaigns page', () => {
  it('lists campaigns with their recipients CSV, linked from the navigation', async () => {
    const page = await (await agent.get('/campaigns')).text();
    expect(page).toContain('href="/campaigns" aria-current="page"');
    expect(page).toContain('Spring &lt;launch&gt;');
    expect(page).toContain('2 recipients');
    expect(page).toContain(`href="/api/campaigns/${campaignId}/recipients.csv"`);
    const csv = await agent.get(`/api/campaigns/${campaignId}/recipients.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('a@example.com');
  });

  it('asks before deleting, then deletes the campaign and its recipients', async () => {
    const confirm = await agent.get(`/campaigns/${campaignId}/delete`);
    expect(confirm.status).toBe(200);
    const text = await confirm.text();
    expect(text).toContain('its 2 recipients and their merge fields');
    expect(text).toContain(`action="/campaigns/${campaignId}/delete"`);
    expect(await recipientRows()).toBe(2);

    const response = await postForm(agent, `/campaigns/${campaignId}/delete`, {});
    expect(response.status).toBe(303);
    expect(await recipientRows()).toBe(0);
    expect((await agent.get(`/api/campaigns/${campaignId}`)).status).toBe(404);
    const after = await (await agent.get(response.headers.get('location')!)).text();
    expect(after).toContain('The campaign “Spring &lt;launch&gt;” and its recipient data were deleted.');
    expect(after).toContain('No campaigns yet.');
  });

  it('does not show or delete another user\'s campaign', async () => {
    const other = browserAgent(t);
    await signUpWithForm(other, 'eve@example.com');
    expect((await other.get(`/campaigns/${campaignId}/delete`)).status).toBe(404);
    expect((await postForm(other, `/campaigns/${campaignId}/delete`, {})).status).toBe(404);
    expect(await recipientRows()).toBe(2);
  });

  it('refuses a deletion posted from another site', async () => {
    expect((await postForm(agent, `/campaigns/${campaignId}/delete`, {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await recipientRows()).toBe(2);
  });
});
