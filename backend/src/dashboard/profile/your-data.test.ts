import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

const PASSWORD = 'a long enough password';
let t: TestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com', PASSWORD);
  await agent.post('/api/campaigns', { name: 'Spring' });
});
afterEach(() => t.close());

async function userCount() {
  return (await t.client.execute("SELECT count(*) AS n FROM users WHERE email = 'ada@example.com'")).rows[0]!.n;
}

describe('download my data', () => {
  it('is offered on the Account page and answers the export as a JSON file', async () => {
    expect(await (await agent.get('/account')).text()).toContain('href="/account/export"');
    const response = await agent.get('/account/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="iconnect-export-2026-03-02.json"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = await response.json();
    expect(data.user.email).toBe('ada@example.com');
    expect(data.campaigns.map((c: { name: string }) => c.name)).toEqual(['Spring']);
    expect(JSON.stringify(data)).not.toContain('passwordHash');
  });

  it('sends a signed-out visitor to sign in', async () => {
    expect((await browserAgent(t).get('/account/export')).status).toBe(303);
  });
});

describe('delete my account', () => {
  it('refuses the wrong password and deletes nothing', async () => {
    const response = await postForm(agent, '/account/delete', { deletePassword: 'not my password', confirmDelete: 'true' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The password is wrong; nothing was deleted');
    expect(await userCount()).toBe(1);
  });

  it('asks for the box to be ticked', async () => {
    const response = await postForm(agent, '/account/delete', { deletePassword: PASSWORD });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Tick the box');
    expect(await userCount()).toBe(1);
  });

  it('with the right password and the box ticked, deletes the account and its data and signs out', async () => {
    const response = await postForm(agent, '/account/delete', { deletePassword: PASSWORD, confirmDelete: 'true' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your account was deleted');
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect(await userCount()).toBe(0);
    expect((await t.client.execute('SELECT count(*) AS n FROM campaigns')).rows[0]!.n).toBe(0);
    expect((await agent.get('/account')).status).toBe(303);
  });

  it('refuses a deletion posted from another site', async () => {
    const response = await postForm(agent, '/account/delete', { deletePassword: PASSWORD, confirmDelete: 'true' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await userCount()).toBe(1);
  });

  it('blocks password guessing after five wrong tries', async () => {
    for (let i = 0; i < 4; i++) await postForm(agent, '/account/delete', { deletePassword: `wrong ${i}`, confirmDelete: 'true' });
    const blocked = await postForm(agent, '/account/delete', { deletePassword: 'wrong again', confirmDelete: 'true' });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many wrong passwords');
    expect((await postForm(agent, '/account/delete', { deletePassword: PASSWORD, confirmDelete: 'true' })).status).toBe(429);
    expect(await userCount()).toBe(1);
  });
});
