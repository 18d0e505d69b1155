import { describe, expect, it } from 'vitest';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { createTestApp } from '../testing/test-app';
import { useTestApp } from '../testing/use-test-app';

const t = useTestApp();

describe('sign-up', () => {
  it('creates the account, signs the browser in and answers 201', async () => {
    const agent = browserAgent(t);
    const response = await agent.post('/api/auth/signup', { email: ' Ada@Example.com ', password: 'correct horse battery' });
    expect(response.status).toBe(201);
    expect((await response.json()).user.email).toBe('ada@example.com');
    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'ada@example.com' }, auth: 'session' });
  });

  it('sets an HttpOnly, SameSite=Lax cookie that is not Secure on plain http', async () => {
    const response = await browserAgent(t).post('/api/auth/signup', { email: 'a@example.com', password: 'correct horse battery' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^iconnect_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const https = await createTestApp({ env: { PUBLIC_URL: 'https://mail.example.org' } });
    const response = await browserAgent(https).post('/api/auth/signup', { email: 'a@example.com', password: 'correct horse battery' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    https.close();
  });

  it('refuses an address that is already registered, whatever its case, with 409', async () => {
    await signedInAgent(t, 'taken@example.com');
    const response = await browserAgent(t).post('/api/auth/signup', { email: 'TAKEN@example.com', password: 'another long password' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/conflict', errors: [{ field: 'email' }] });
  });

  it('lists every invalid field with a readable message', async () => {
    const response = await browserAgent(t).post('/api/auth/signup', { email: 'not an email', password: 'short' });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.type).toBe('/problems/validation-failed');
    expect(problem.errors).toEqual([
      { field: 'email', message: 'Enter a valid email address' },
      { field: 'password', message: 'Use at least 10 characters' },
    ]);
  });

  it('stores a scrypt hash, never the password', async () => {
    await signedInAgent(t, 'hash@example.com', 'my very secret password');
    const rows = await t.client.execute('SELECT password_hash FROM users');
    const stored = String(rows.rows[0]!.password_hash);
    expect(stored).toMatch(/^scrypt\$15\$8\$3\$/);
    expect(stored).not.toContain('my very secret password');
    expect(t.logLines.join('\n')).not.toContain('my very secret password');
  });
});

describe('sign-in', () => {
  it('signs in with the right password', async () => {
    await signedInAgent(t, 'bob@example.com', 'bobs long password');
    const agent = browserAgent(t);
    const response = await agent.post('/api/auth/login', { email: 'Bob@example.com', password: 'bobs long password' });
    expect(response.status).toBe(200);
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown address alike, with 401 and no cookie', async () => {
    await signedInAgent(t, 'bob@example.com', 'bobs long password');
    const wrong = await browserAgent(t).post('/api/auth/login', { email: 'bob@example.com', password: 'not his password' });
    const unknown = await browserAgent(t).post('/api/auth/login', { email: 'nobody@example.com', password: 'not his password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual({ ...(await unknown.json()) });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a sixth try within 15 minutes with 429 and Retry-After, even with the right password', async () => {
    await signedInAgent(t, 'carol@example.com', 'carols long password');
    const agent = browserAgent(t);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await agent.post('/api/auth/login', { email: 'carol@example.com', password: `guess number ${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const blocked = await agent.post('/api/auth/login', { email: 'carol@example.com', password: 'carols long password' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await blocked.json()).detail).toMatch(/Try again in 15 minutes/);

    t.clock.advance(15 * 60_000 + 1000);
    const later = await agent.post('/api/auth/login', { email: 'carol@example.com', password: 'carols long password' });
    expect(later.status).toBe(200);
  });

  it('throttles one address that tries many accounts, counting parallel guesses exactly', async () => {
    const agent = browserAgent(t);
    const fromAttacker = { headers: { 'x-test-client-address': '198.51.100.7' } };
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        agent.post('/api/auth/login', { email: `victim${i}@example.com`, password: 'password guess' }, fromAttacker),
      ),
    );
    expect(guesses.every((response) => response.status === 401 || response.status === 429)).toBe(true);
    const next = await agent.post('/api/auth/login', { email: 'victim99@example.com', password: 'password guess' }, fromAttacker);
    expect(next.status).toBe(429);
    const otherAddress = await agent.post('/api/auth/login', { email: 'victim0@example.com', password: 'password guess' }, {
      headers: { 'x-test-client-address': '198.51.100.8' },
    });
    expect(otherAddress.status).toBe(401);
  }, 90_000); // 31 scrypt hashes at OWASP cost: slow on a loaded 2-core machine
});

describe('sessions', () => {
  it('logout revokes the session at once, even if someone kept the cookie', async () => {
    const { agent } = await signedInAgent(t, 'dan@example.com');
    const stolen = agent.cookie;
    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    const thief = browserAgent(t);
    thief.cookie = stolen;
    const response = await thief.get('/api/me');
    expect(response.status).toBe(401);
    expect((await response.json()).detail).toMatch(/session has ended/);
  });

  it('expires after the session lifetime', async () => {
    const { agent } = await signedInAgent(t, 'erin@example.com');
    t.clock.advance(t.config.sessionTtlMs + 1000);
    expect((await agent.get('/api/me')).status).toBe(401);
  });

  it('rejects a cookie whose JWT was altered', async () => {
    const { agent } = await signedInAgent(t, 'fay@example.com');
    const [name, jwt] = agent.cookie!.split('=') as [string, string];
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.exp += 10 * 365 * 86400;
    agent.cookie = `${name}=${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await agent.get('/api/me')).status).toBe(401);
  });

  it('password change keeps this browser signed in and signs out every other one', async () => {
    const { agent: laptop, password } = await signedInAgent(t, 'gus@example.com');
    const phone = browserAgent(t);
    await phone.post('/api/auth/login', { email: 'gus@example.com', password });
    expect((await phone.get('/api/me')).status).toBe(200);

    const change = await laptop.post('/api/auth/password', { currentPassword: password, newPassword: 'a brand new passphrase' });
    expect(change.status).toBe(204);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);

    expect((await browserAgent(t).post('/api/auth/login', { email: 'gus@example.com', password })).status).toBe(401);
    expect(
      (await browserAgent(t).post('/api/auth/login', { email: 'gus@example.com', password: 'a brand new passphrase' })).status,
    ).toBe(200);
  });

  it('password change refuses a wrong current password and changes nothing', async () => {
    const { agent, password } = await signedInAgent(t, 'hal@example.com');
    const response = await agent.post('/api/auth/password', { currentPassword: 'wrong password!!', newPassword: 'a brand new passphrase' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'currentPassword', message: 'The current password is wrong' }]);
    expect((await browserAgent(t).post('/api/auth/login', { email: 'hal@example.com', password })).status).toBe(200);
  });

  it('asks for sign-in without a cookie or token', async () => {
    const response = await t.app.request('http://localhost:8787/api/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });
});

describe('cross-origin requests', () => {
  it('refuses a cookie-authenticated POST from another origin with 403', async () => {
    const { agent } = await signedInAgent(t, 'ivy@example.com');
    const response = await agent.post('/api/tokens', { name: 'x' }, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect((await response.json()).type).toBe('/problems/cross-origin');
    const list = await (await agent.get('/api/tokens')).json();
    expect(list.tokens).toEqual([]);
  });

  it('refuses a cross-site request that hides its Origin', async () => {
    const { agent } = await signedInAgent(t, 'jon@example.com');
    const response = await agent.request('DELETE', '/api/tokens/tok_x', { headers: { origin: '', 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(403);
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    await signedInAgent(t, 'kim@example.com', 'kims long password');
    const response = await browserAgent(t).post('/api/auth/login', { email: 'kim@example.com', password: 'kims long password' }, {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it("compares the Origin with PUBLIC_URL's, never with the Host the request names (DNS rebinding)", async () => {
    const { agent } = await signedInAgent(t, 'max@example.com');
    const rebound = { host: 'evil.example', origin: 'http://evil.example', cookie: agent.cookie!, 'content-type': 'application/json' };
    const api = await t.app.request('http://evil.example/api/tokens', { method: 'POST', headers: rebound, body: JSON.stringify({ name: 'x' }) });
    expect(api.status).toBe(403);
    const form = await t.app.request('http://evil.example/tokens', {
      method: 'POST',
      headers: { ...rebound, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(form.status).toBe(403);
    expect((await (await agent.get('/api/tokens')).json()).tokens).toEqual([]);
  });

  it('lets cookie GETs from anywhere through (they change nothing) but not unsafe methods', async () => {
    const { agent } = await signedInAgent(t, 'lea@example.com');
    expect((await agent.get('/api/me', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });
});
