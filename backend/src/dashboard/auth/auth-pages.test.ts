import { describe, expect, it } from 'vitest';
import { browserAgent } from '../../testing/browser-agent';
import { postForm, signUpWithForm, postSignUpForm } from '../../testing/dashboard-forms';
import { useTestApp } from '../../testing/use-test-app';

const t = useTestApp();

describe('sign-up form', () => {
  it('creates the account and lands on home showing the email', async () => {
    const agent = browserAgent(t);
    const response = await postSignUpForm(agent, 'Ada@Example.com', 'correct horse battery');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('ada@example.com');
  });

  it('shows each invalid field beside it, keeps the email and answers 400', async () => {
    const response = await postSignUpForm(browserAgent(t), 'not-an-email', 'short', 'different');
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('value="not-an-email"');
    expect(page).toContain('Enter a valid email address');
    expect(page).toContain('Use at least 10 characters');
    expect(page).toContain('The passwords do not match');
    expect(page).toMatch(/<input id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
    expect(page).not.toContain('value="short"');
  });

  it('says the email is taken with 409', async () => {
    await signUpWithForm(browserAgent(t), 'taken@example.com');
    const response = await postSignUpForm(browserAgent(t), 'taken@example.com', 'another long password');
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain('This email is already registered');
    expect(page).toContain('value="taken@example.com"');
  });
});

describe('sign-in form', () => {
  it('re-renders with an error and 401 for a wrong password, keeping the email', async () => {
    await signUpWithForm(browserAgent(t), 'ada@example.com');
    const agent = browserAgent(t);
    const response = await postForm(agent, '/login', { email: 'ada@example.com', password: 'wrong password!' });
    expect(response.status).toBe(401);
    const page = await response.text();
    expect(page).toContain('Email or password is wrong');
    expect(page).toContain('value="ada@example.com"');
    expect(agent.cookie).toBeUndefined();
  });

  it('answers 429 with Retry-After once the account is throttled', async () => {
    await signUpWithForm(browserAgent(t), 'ada@example.com');
    const agent = browserAgent(t);
    let response: Response | undefined;
    for (let i = 0; i < 5; i++) response = await postForm(agent, '/login', { email: 'ada@example.com', password: 'wrong password!' });
    expect(response!.status).toBe(429);
    expect(Number(response!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response!.text()).toContain('Too many failed sign-ins');
  });

  it('signs in and goes back to the page that asked for it', async () => {
    await signUpWithForm(browserAgent(t), 'ada@example.com');
    const agent = browserAgent(t);
    const response = await postForm(agent, '/login', { email: 'ada@example.com', password: 'a long enough password', next: '/tokens' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tokens');
    expect((await agent.get('/tokens')).status).toBe(200);
  });

  it('lands on home, not another site, for next=//evil.example', async () => {
    await signUpWithForm(browserAgent(t), 'ada@example.com');
    const agent = browserAgent(t);
    const response = await postForm(agent, '/login', { email: 'ada@example.com', password: 'a long enough password', next: '//evil.example' });
    expect(response.headers.get('location')).toBe('/');
  });

  it('carries a safe next from the address bar into the form', async () => {
    const page = await (await browserAgent(t).get('/login?next=%2Ftokens')).text();
    expect(page).toContain('name="next" value="/tokens"');
    const evil = await (await browserAgent(t).get('/login?next=%2F%2Fevil.example')).text();
    expect(evil).toContain('name="next" value="/"');
  });

  it('refuses a sign-in posted from another site with a 403 page', async () => {
    await signUpWithForm(browserAgent(t), 'ada@example.com');
    const response = await postForm(
      browserAgent(t),
      '/login',
      { email: 'ada@example.com', password: 'a long enough password' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.text()).toContain('sent from another site');
  });
});

describe('sign-out', () => {
  it('ends the session and goes to the sign-in page', async () => {
    const agent = browserAgent(t);
    await signUpWithForm(agent, 'ada@example.com');
    const stolenCookie = agent.cookie;
    const response = await postForm(agent, '/logout', {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
    expect(agent.cookie).toBeUndefined();
    // The session row is gone: a copy of the old cookie no longer works.
    agent.cookie = stolenCookie;
    expect((await agent.get('/')).status).toBe(303);
  });
});
