import { describe, expect, it } from 'vitest';
import { browserAgent } from '../testing/browser-agent';
import { useTestApp } from '../testing/use-test-app';
import { postForm, signUpWithForm } from '../testing/dashboard-forms';

const t = useTestApp();

describe('dashboard shell', () => {
  it.each(['/', '/accounts', '/tokens', '/account'])('sends a signed-out visitor of %s to sign in and back', async (path) => {
    const response = await browserAgent(t).get(`${path}?x=1`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`${path}?x=1`)}`);
  });

  it('shows home with the email, an empty Gmail accounts section and the first steps', async () => {
    const agent = browserAgent(t);
    await signUpWithForm(agent, 'ada@example.com');
    const page = await (await agent.get('/')).text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('ada@example.com');
    expect(page).toContain('No Gmail account connected yet');
    expect(page).toContain('<a class="button" href="/accounts">Connect a Gmail account</a>');
    expect(page).toContain('href="/tokens"');
    expect(page).toContain('href="/privacy"');
    expect(page).toContain('action="/logout"');
  });

  it('sends strict security headers and no-store with every page', async () => {
    const response = await browserAgent(t).get('/login');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    // The CSP forbids inline script and style: the page must not need them.
    expect(page).not.toMatch(/<script>|<style|style="| on\w+="/);
  });

  it('serves the stylesheet and script with their types and a long cache', async () => {
    const page = await (await browserAgent(t).get('/login')).text();
    const cssUrl = /href="(\/assets\/dashboard\.css\?v=\w+)"/.exec(page)?.[1];
    const jsUrl = /src="(\/assets\/dashboard\.js\?v=\w+)"/.exec(page)?.[1];
    const css = await browserAgent(t).get(cssUrl!);
    const js = await browserAgent(t).get(jsUrl!);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const response of [css, js]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('max-age=31536000');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('leaves the API answering problem+json', async () => {
    const response = await browserAgent(t).get('/api/nope');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('content-security-policy')).toBeNull();
  });
});

describe('account page', () => {
  it('changes the password, keeps this browser signed in and signs out the others', async () => {
    const agent = browserAgent(t);
    await signUpWithForm(agent, 'ada@example.com', 'the old long password');
    const other = browserAgent(t);
    await postForm(other, '/login', { email: 'ada@example.com', password: 'the old long password' });

    const response = await postForm(agent, '/account/password', {
      currentPassword: 'the old long password',
      newPassword: 'the new long password',
      newPasswordConfirmation: 'the new long password',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your password was changed');
    expect((await agent.get('/account')).status).toBe(200);
    expect((await other.get('/account')).status).toBe(303);
  });

  it('says the current password is wrong next to its field', async () => {
    const agent = browserAgent(t);
    await signUpWithForm(agent, 'ada@example.com');
    const response = await postForm(agent, '/account/password', {
      currentPassword: 'not my password',
      newPassword: 'the new long password',
      newPasswordConfirmation: 'the new long password',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/id="currentPassword-error"[^]*The current password is wrong/);
  });
});
