import { describe, expect, it } from 'vitest';
import { bearerRequest, browserAgent } from '../../testing/browser-agent';
import { postForm, signedUpWithFormEach } from '../../testing/dashboard-forms';

/** What the extension sends: 32 random bytes base64url, and its id. */
const STATE = 'q9Yt3m0bQ2s7vVw8xR1cJk4LpN6oA5eZ-_uHfIgDhTs';
const EXTENSION = 'mjnpgoahphiokkmbakhebijcbljooiap';
const LINK_PATH = `/extension/link?state=${STATE}&extension=${EXTENSION}`;

const { t, agent } = signedUpWithFormEach('ada@example.com');

/** The token and state the done page carries for the extension, as the background reads them. */
function outputOf(page: string): { state: string; token: string } | undefined {
  const match = /<output id="extension-token" data-state="([^"]*)" hidden="">([^<]*)<\/output>/.exec(page);
  return match ? { state: match[1] ?? '', token: match[2] ?? '' } : undefined;
}

describe('linking the extension from the dashboard', () => {
  it('sends a signed-out visitor to sign in and back to the same link request', async () => {
    const visitor = browserAgent(t);
    const first = await visitor.get(LINK_PATH);
    expect(first.status).toBe(303);
    const login = first.headers.get('location')!;
    expect(login).toBe(`/login?next=${encodeURIComponent(LINK_PATH)}`);

    const form = await (await visitor.get(login)).text();
    const next = /name="next" value="([^"]*)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBe(LINK_PATH);
    const signedIn = await postForm(visitor, '/login', { email: 'ada@example.com', password: 'a long enough password', next: next! });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(LINK_PATH);

    const back = await visitor.get(LINK_PATH);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Link the iConnect extension in this browser');
  });

  it('says plainly what will happen, and keeps the request in hidden fields of a post form', async () => {
    const response = await agent.get(LINK_PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Not no-referrer: the browser would then post the form with `Origin: null`, refused as cross-site.
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const page = await response.text();
    expect(page).toContain('Chrome extension (2 Mar 2026)');
    expect(page).toContain('href="/tokens"');
    expect(page).toMatch(/<form method="post" action="\/extension\/link"/);
    expect(page).toContain(`<input type="hidden" name="state" value="${STATE}"/>`);
    expect(page).toContain(`<input type="hidden" name="extension" value="${EXTENSION}"/>`);
    expect(page).not.toMatch(/<script>|<style|style="| on\w+="/);
  });

  it('creates a token named for the extension and hands it over only inside the page', async () => {
    const response = await postForm(agent, '/extension/link', { state: STATE, extension: EXTENSION });

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).toContain('Linked — you can close this tab');
    expect(page).not.toContain('action="/logout"');
    const output = outputOf(page);
    expect(output?.state).toBe(STATE);
    expect(output?.token).toMatch(/^ick_[A-Za-z0-9_-]{43}$/);

    const me = await bearerRequest(t, output!.token)('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'ada@example.com' }, auth: 'token' });
    const tokens = await (await agent.get('/tokens')).text();
    expect(tokens).toContain('Chrome extension (2 Mar 2026)');
    expect(tokens).not.toContain(output!.token);
    expect(t.logLines.join('\n')).not.toContain(output!.token);
  });

  it.each([
    ['no state', `/extension/link?extension=${EXTENSION}`],
    ['a short state', `/extension/link?state=abc&extension=${EXTENSION}`],
    ['a state with markup', `/extension/link?state=${encodeURIComponent(`"><b>${'x'.repeat(36)}`)}&extension=${EXTENSION}`],
    ['no extension id', `/extension/link?state=${STATE}`],
    ['a malformed extension id', `/extension/link?state=${STATE}&extension=ZZZ`],
  ])('answers a readable 400 page for %s', async (_name, path) => {
    const response = await agent.get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('This link request is not valid');
    expect(page).not.toContain('<form method="post" action="/extension/link"');
    expect(page).not.toContain('<b>');
  });

  it('refuses a post with a bad or missing state, creating no token', async () => {
    const posts: Record<string, string>[] = [{ extension: EXTENSION }, { state: 'not a state', extension: EXTENSION }, { state: STATE, extension: '' }];
    for (const fields of posts) {
      const response = await postForm(agent, '/extension/link', fields);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain('This link request is not valid');
      expect(outputOf(page)).toBeUndefined();
    }
    expect(await (await agent.get('/tokens')).text()).toContain('No API tokens yet');
  });

  it('refuses a link posted from another site, as every dashboard form', async () => {
    const response = await postForm(agent, '/extension/link', { state: STATE, extension: EXTENSION }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('sent from another site');
    expect(page).not.toContain('ick_');
    expect(await (await agent.get('/tokens')).text()).toContain('No API tokens yet');
  });

  it('refuses a post with Origin: null (what a no-referrer page would send)', async () => {
    const response = await postForm(agent, '/extension/link', { state: STATE, extension: EXTENSION }, { origin: 'null' });
    expect(response.status).toBe(403);
  });

  it('does not create a token for a signed-out post, and does not come back to it', async () => {
    const response = await postForm(browserAgent(t), '/extension/link', { state: STATE, extension: EXTENSION });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
    expect(await response.text()).not.toContain('ick_');
  });
});
