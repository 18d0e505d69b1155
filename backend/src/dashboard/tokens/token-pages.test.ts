import { describe, expect, it } from 'vitest';
import { browserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm, signedUpWithFormEach } from '../../testing/dashboard-forms';

const { t, agent } = signedUpWithFormEach('ada@example.com');

async function createToken(name: string) {
  const response = await postForm(agent, '/tokens', { name });
  const page = await response.text();
  const secret = /id="new-token"[^>]*value="(ick_[^"]+)"/.exec(page)?.[1];
  return { response, page, secret };
}

describe('API tokens page', () => {
  it('shows a new token once, uncached, and never lists the secret', async () => {
    const { response, page, secret } = await createToken('Chrome on my laptop');
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(secret).toBeDefined();
    expect(page).toContain('only time');
    expect(page).toMatch(/<input id="new-token"[^>]*readonly/);

    const list = await agent.get('/tokens');
    const listed = await list.text();
    expect(listed).toContain('Chrome on my laptop');
    expect(listed).toContain(secret!.slice(0, 10));
    expect(listed).not.toContain(secret!);
    expect(listed).toContain('never');
    expect(listed).toContain('2 Mar 2026, 10:00 UTC');
  });

  it('asks for a name instead of creating a nameless token', async () => {
    const { response, page } = await createToken('   ');
    expect(response.status).toBe(400);
    expect(page).toContain('Give the token a name');
    expect(page).not.toContain('id="new-token"');
  });

  it('escapes a token name that looks like markup', async () => {
    const { page } = await createToken('<script>alert(1)</script>');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('revokes a token and removes it from the list', async () => {
    const { page } = await createToken('Old laptop');
    const id = /action="\/tokens\/([^/"]+)\/revoke"/.exec(page)?.[1];
    const response = await postForm(agent, `/tokens/${id}/revoke`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tokens?revoked=1');
    const listed = await (await agent.get('/tokens?revoked=1')).text();
    expect(listed).toContain('The token was revoked');
    expect(listed).not.toContain('Old laptop');
  });

  it("answers 404 for another user's token and leaves it alone", async () => {
    const { page } = await createToken('Ada’s token');
    const id = /action="\/tokens\/([^/"]+)\/revoke"/.exec(page)?.[1];
    const mallory = browserAgent(t);
    await signUpWithForm(mallory, 'mallory@example.com');
    const response = await postForm(mallory, `/tokens/${id}/revoke`, {});
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await agent.get('/tokens')).text()).toContain('Ada’s token');
  });

  it('refuses a revoke posted from another site', async () => {
    const { page } = await createToken('Target');
    const id = /action="\/tokens\/([^/"]+)\/revoke"/.exec(page)?.[1];
    const response = await postForm(agent, `/tokens/${id}/revoke`, {}, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await (await agent.get('/tokens')).text()).toContain('Target');
  });
});
