import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suppressionListSchema } from '../../../../shared/schemas/suppressions';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let agent: BrowserAgent;
beforeEach(async () => {
  t = await createTestApp();
  agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
});
afterEach(() => t.close());

async function listed() {
  return suppressionListSchema.parse(await (await agent.get('/api/suppressions')).json()).suppressions.map((s) => s.email);
}

describe('suppression list page', () => {
  it('is linked from the navigation and sends a signed-out visitor to sign in', async () => {
    expect(await (await agent.get('/')).text()).toContain('href="/suppressions"');
    const response = await browserAgent(t).get('/suppressions');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fsuppressions');
  });

  it('adds an address, says so, and lists it', async () => {
    const response = await postForm(agent, '/suppressions', { email: ' Pat@Example.com ' });
    expect(response.status).toBe(303);
    expect(await listed()).toEqual(['Pat@Example.com']);
    const page = await (await agent.get(response.headers.get('location')!)).text();
    expect(page).toContain('Pat@Example.com was added.');
    expect(page).toContain('Added by you');
    expect(page).toContain('1 address on the list.');
  });

  it('refuses an address that is not one, beside the field', async () => {
    const response = await postForm(agent, '/suppressions', { email: 'not an address' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('field-error');
    expect(await listed()).toEqual([]);
  });

  it('searches the list', async () => {
    await postForm(agent, '/suppressions', { email: 'ann@acme.test' });
    await postForm(agent, '/suppressions', { email: 'bob@example.com' });
    const page = await (await agent.get('/suppressions?q=acme')).text();
    expect(page).toContain('ann@acme.test');
    expect(page).not.toContain('bob@example.com');
    expect(page).toContain('1 address matches “acme”.');
  });

  it('asks before removing, says why it matters, and removes only on the confirmed post', async () => {
    await postForm(agent, '/suppressions', { email: 'pat@example.com' });
    const list = await (await agent.get('/suppressions')).text();
    const confirmPath = /href="(\/suppressions\/remove\?[^"]+)"/.exec(list)![1]!.replaceAll('&amp;', '&');
    const confirm = await (await agent.get(confirmPath)).text();
    expect(confirm).toContain('They unsubscribed or bounced; sending to them again can hurt your reputation.');
    expect(confirm).toContain('name="email" value="pat@example.com"');
    expect(await listed()).toEqual(['pat@example.com']);

    const response = await postForm(agent, '/suppressions/remove', { email: 'pat@example.com' });
    expect(response.status).toBe(303);
    expect(await listed()).toEqual([]);
    expect(await (await agent.get(response.headers.get('location')!)).text()).toContain('pat@example.com was removed');
  });

  it('refuses a removal posted from another site', async () => {
    await postForm(agent, '/suppressions', { email: 'pat@example.com' });
    const response = await postForm(agent, '/suppressions/remove', { email: 'pat@example.com' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await listed()).toEqual(['pat@example.com']);
  });
});
