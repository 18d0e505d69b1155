import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GMAIL_SCOPES } from '../../../../shared/schemas/accounts';
import { gmailAccounts, oauthStates } from '../../db/schema';
import { gmailSandboxEndpoints } from '../../gmail/google-endpoints';
import { browserAgent, type BrowserAgent } from '../../testing/browser-agent';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { postForm, signUpWithForm } from '../../testing/dashboard-forms';
import { addTestAccount, userIdOf } from '../../testing/test-accounts';

/**
 * The two Google answers "Test connection" depends on: userinfo accepts only the access token
 * "good-token", and the token endpoint refuses every refresh token (invalid_grant), as Google does
 * for a revoked grant.
 */
let google: Server;
let googleBase: string;
beforeAll(async () => {
  google = createServer((request, response) => {
    const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/oauth2/v3/userinfo') {
      if (request.headers.authorization === 'Bearer good-token') return json(200, { email: 'ada@gmail.com', email_verified: true });
      return json(401, { error: 'invalid_token' });
    }
    if (request.url === '/token') return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    json(404, {});
  });
  await new Promise<void>((resolve) => google.listen(0, '127.0.0.1', resolve));
  googleBase = `http://127.0.0.1:${(google.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => google.close(() => resolve())));

let t: TestApp;
afterEach(() => t.close());

async function start(options: { fakeGoogle?: boolean } = {}): Promise<{ agent: BrowserAgent; userId: string }> {
  t = await createTestApp(options.fakeGoogle ? { google: gmailSandboxEndpoints({ browserBase: googleBase, serverBase: googleBase, gmailRootUrl: googleBase }) } : {});
  const agent = browserAgent(t);
  await signUpWithForm(agent, 'ada@example.com');
  return { agent, userId: await userIdOf(agent) };
}

function consentUrlOf(response: Response): URL {
  expect([302, 303]).toContain(response.status);
  return new URL(response.headers.get('location')!);
}

describe('connecting a Gmail account', () => {
  it('redirects to the consent page for offline access with PKCE, asking to read mail when replies are detected', async () => {
    const { agent } = await start();
    const url = consentUrlOf(await postForm(agent, '/accounts/connect', { detectReplies: 'true', timezone: 'Europe/Paris' }));
    // The test app's Google: a closed loopback port.
    expect(url.origin).toBe('http://127.0.0.1:9');
    expect(url.pathname).toMatch(/\/o\/oauth2\/v2\/auth$/);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.config.publicUrl}/oauth/google/callback`);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(['openid', 'email', GMAIL_SCOPES.send, GMAIL_SCOPES.readonly]);
    expect(url.searchParams.has('login_hint')).toBe(false);
    const [pending] = await t.db.select().from(oauthStates);
    expect(pending?.timezone).toBe('Europe/Paris');
  });

  it('asks only to send when the checkbox is off (an unticked box is not sent at all)', async () => {
    const { agent } = await start();
    const url = consentUrlOf(await postForm(agent, '/accounts/connect', { timezone: '' }));
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(['openid', 'email', GMAIL_SCOPES.send]);
    const [pending] = await t.db.select().from(oauthStates);
    // No script, no zone: the account will start on UTC.
    expect(pending?.timezone).toBeNull();
  });

  it('starts Connect again with the address as login_hint, and drops a zone it does not know', async () => {
    const { agent } = await start();
    const url = consentUrlOf(
      await postForm(agent, '/accounts/connect', { loginHint: 'ada@gmail.com', detectReplies: 'true', timezone: 'Mars/Olympus' }),
    );
    expect(url.searchParams.get('login_hint')).toBe('ada@gmail.com');
    const [pending] = await t.db.select().from(oauthStates);
    expect(pending?.timezone).toBeNull();
  });
});

describe('Test connection', () => {
  const statusOf = async (id: string) => (await t.db.select().from(gmailAccounts).where(eq(gmailAccounts.id, id)))[0]?.status;

  it('says the connection works when Google accepts the authorisation', async () => {
    const { agent, userId } = await start({ fakeGoogle: true });
    const account = await addTestAccount(t, userId, 'ada@gmail.com', { accessToken: 'good-token' });
    const response = await postForm(agent, `/accounts/${account.id}/check`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/accounts?notice=checked&account=${account.id}`);
    const page = await (await agent.get(response.headers.get('location')!)).text();
    expect(page).toContain('Connection works');
    expect(await statusOf(account.id)).toBe('ok');
  });

  it('marks the account for reconnecting when Google refuses the grant, and the list says why', async () => {
    const { agent, userId } = await start({ fakeGoogle: true });
    const account = await addTestAccount(t, userId, 'ada@gmail.com', { accessToken: 'stale-token' });
    const response = await postForm(agent, `/accounts/${account.id}/check`, {});
    expect(response.headers.get('location')).toBe(`/accounts?notice=needs-reconnect&account=${account.id}`);
    expect(await statusOf(account.id)).toBe('needs_reconnect');
    const page = await (await agent.get(response.headers.get('location')!)).text();
    expect(page).toContain('ada@gmail.com needs reconnecting.');
    expect(page).toContain('Google no longer accepts the authorisation (it was revoked');
    expect(page).toContain('name="loginHint" value="ada@gmail.com"');
  });

  it('says Google did not answer, and changes nothing, when it cannot be reached', async () => {
    const { agent, userId } = await start();
    const account = await addTestAccount(t, userId, 'ada@gmail.com', { accessToken: 'expired' });
    // An access token that has expired makes the library call the (closed) token endpoint.
    await t.db.update(gmailAccounts).set({ accessTokenExpiresAt: new Date(0) }).where(eq(gmailAccounts.id, account.id));
    const response = await postForm(agent, `/accounts/${account.id}/check`, {});
    expect(response.headers.get('location')).toBe(`/accounts?notice=check-failed&account=${account.id}`);
    expect(await (await agent.get(response.headers.get('location')!)).text()).toContain('could not be tested: Google did not answer');
    expect(await statusOf(account.id)).toBe('ok');
    expect(t.logLines.join('\n')).toContain('testing a gmail connection failed');
  });
});
