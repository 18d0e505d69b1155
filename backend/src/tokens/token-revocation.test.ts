import { describe, expect, it } from 'vitest';
import { postForm } from '../testing/dashboard-forms';
import { bearerRequest, browserAgent, signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { useTestApp } from '../testing/use-test-app';

/**
 * Issue 12: tokens follow the password. A password change signed out the other browsers but left
 * every API token working, and signing the extension out left its token alive on the server.
 */

const t = useTestApp();

const NEW_PASSWORD = 'a brand new passphrase';

async function makeToken(agent: BrowserAgent, name = 'Chrome'): Promise<string> {
  return ((await (await agent.post('/api/tokens', { name })).json()) as { token: string }).token;
}

describe('a password change', () => {
  it('revokes every API token by default', async () => {
    const { agent, password } = await signedInAgent(t, 'ada@example.com');
    const [extension, script] = [await makeToken(agent, 'Chrome'), await makeToken(agent, 'script')];

    expect((await agent.post('/api/auth/password', { currentPassword: password, newPassword: NEW_PASSWORD })).status).toBe(204);

    for (const token of [extension, script]) expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(401);
    expect((await (await agent.get('/api/tokens')).json()).tokens).toEqual([]);
  });

  it('keeps the tokens when asked to (revokeTokens: false), not when the next change leaves the default', async () => {
    const { agent, password } = await signedInAgent(t, 'bea@example.com');
    const token = await makeToken(agent);
    const phone = browserAgent(t);
    await phone.post('/api/auth/login', { email: 'bea@example.com', password });

    const change = await agent.post('/api/auth/password', { currentPassword: password, newPassword: NEW_PASSWORD, revokeTokens: false });
    expect(change.status).toBe(204);
    expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);

    await agent.post('/api/auth/password', { currentPassword: NEW_PASSWORD, newPassword: 'yet another passphrase' });
    expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(401);
  });

  it('offers the choice on the dashboard, ticked, and honours an unticked box', async () => {
    const { agent, password } = await signedInAgent(t, 'cy@example.com');
    const page = await (await agent.get('/account')).text();
    expect(page).toMatch(/<input type="checkbox" id="revokeTokens" name="revokeTokens" value="true" checked/);
    expect(page).toContain('Also sign out the extension and revoke API tokens');

    const kept = await makeToken(agent);
    const unticked = await postForm(agent, '/account/password', {
      currentPassword: password,
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
    });
    expect(await unticked.text()).toContain('Your API tokens still work.');
    expect((await bearerRequest(t, kept)('GET', '/api/me')).status).toBe(200);

    const ticked = await postForm(agent, '/account/password', {
      currentPassword: NEW_PASSWORD,
      newPassword: 'yet another passphrase',
      newPasswordConfirmation: 'yet another passphrase',
      revokeTokens: 'true',
    });
    expect(await ticked.text()).toContain('Your API token was revoked: link the extension again.');
    expect((await bearerRequest(t, kept)('GET', '/api/me')).status).toBe(401);
  });
});

describe('signing out with a token', () => {
  it('revokes that token, and only that one', async () => {
    const { agent } = await signedInAgent(t, 'dee@example.com');
    const [extension, script] = [await makeToken(agent, 'Chrome'), await makeToken(agent, 'script')];

    expect((await bearerRequest(t, extension)('POST', '/api/auth/logout')).status).toBe(204);

    const after = await bearerRequest(t, extension)('GET', '/api/me');
    expect(after.status).toBe(401);
    expect((await bearerRequest(t, script)('GET', '/api/me')).status).toBe(200);
    expect((await agent.get('/api/me')).status).toBe(200);
    expect((await (await agent.get('/api/tokens')).json()).tokens.map((listed: { name: string }) => listed.name)).toEqual(['script']);
  });
});
