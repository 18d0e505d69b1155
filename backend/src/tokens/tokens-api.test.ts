import { describe, expect, it } from 'vitest';
import { bearerRequest, signedInAgent } from '../testing/browser-agent';
import { useTestApp } from '../testing/use-test-app';

const t = useTestApp();

describe('API tokens', () => {
  it('shows the secret once, with a recognisable prefix, and lists it without the secret', async () => {
    const { agent } = await signedInAgent(t, 'ana@example.com');
    const created = await agent.post('/api/tokens', { name: 'Chrome at work' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const body = await created.json();
    expect(body.token).toMatch(/^ick_[A-Za-z0-9_-]{43}$/);
    expect(body).toMatchObject({ name: 'Chrome at work', lastUsedAt: null });

    const listed = await (await agent.get('/api/tokens')).json();
    expect(listed.tokens).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(body.token);
    expect(listed.tokens[0].preview).toBe(`${body.token.slice(0, 10)}…`);
  });

  it('stores only a hash of the secret', async () => {
    const { agent } = await signedInAgent(t, 'ben@example.com');
    const { token } = await (await agent.post('/api/tokens', { name: 'script' })).json();
    const rows = await t.client.execute('SELECT * FROM api_tokens');
    expect(JSON.stringify(rows.rows)).not.toContain(token.slice(4));
  });

  it('authenticates /api routes with the bearer token and records when it was last used', async () => {
    const { agent } = await signedInAgent(t, 'cat@example.com');
    const { token } = await (await agent.post('/api/tokens', { name: 'extension' })).json();
    const me = await bearerRequest(t, token)('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'cat@example.com' }, auth: 'token' });
    const [listed] = (await (await agent.get('/api/tokens')).json()).tokens;
    expect(listed.lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('can call unsafe routes with a token from any origin: a token is never sent by a browser on its own', async () => {
    const { agent } = await signedInAgent(t, 'dee@example.com');
    const { token } = await (await agent.post('/api/tokens', { name: 'extension' })).json();
    const response = await t.app.request('http://localhost:8787/api/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'chrome-extension://abc' },
      body: JSON.stringify({ name: 'made by the extension' }),
    });
    expect(response.status).toBe(201);
  });

  it('stops working the moment it is revoked', async () => {
    const { agent } = await signedInAgent(t, 'eve@example.com');
    const { id, token } = await (await agent.post('/api/tokens', { name: 'old laptop' })).json();
    expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(200);
    expect((await agent.delete(`/api/tokens/${id}`)).status).toBe(204);
    const after = await bearerRequest(t, token)('GET', '/api/me');
    expect(after.status).toBe(401);
    expect((await after.json()).detail).toMatch(/revoked/);
    expect((await agent.delete(`/api/tokens/${id}`)).status).toBe(404);
  });

  it('judges a request by its bad token even when a good cookie comes along', async () => {
    const { agent } = await signedInAgent(t, 'fin@example.com');
    const response = await agent.get('/api/me', { headers: { authorization: 'Bearer ick_forged' } });
    expect(response.status).toBe(401);
  });

  it('rejects a token that is not ours or not a bearer token', async () => {
    for (const header of ['Bearer ick_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Basic dXNlcjpwYXNz', 'Bearer', 'ick_x']) {
      const response = await t.app.request('http://localhost:8787/api/me', { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
    }
  });

  it('needs a name', async () => {
    const { agent } = await signedInAgent(t, 'gil@example.com');
    const response = await agent.post('/api/tokens', { name: '   ' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ field: 'name', message: 'Give the token a name' }]);
  });
});
