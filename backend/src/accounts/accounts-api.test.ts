import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountListSchema, GMAIL_SCOPES } from '../../../shared/schemas/accounts';
import { createTokenCipher } from '../crypto/token-cipher';
import { fakeClock } from '../lib/clock';
import { signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { tokenBinding } from './account-store';
import { accountsWithUnknownKey, assertTokensReadable, resealAllTokens } from './token-keys';
import { closedAfterEach } from '../testing/use-test-app';

const setup = closedAfterEach(createSandboxedTestApp);

/** The browser comes back to the OAuth callback and is refused with 400, saying why. */
async function expectCallbackRefused(agent: BrowserAgent, callbackUrl: URL, why: string) {
  const response = await agent.get(callbackUrl.pathname + callbackUrl.search);
  expect(response.status).toBe(400);
  expect(await response.text()).toContain(why);
}

async function listAccounts(agent: BrowserAgent) {
  const response = await agent.get('/api/accounts');
  expect(response.status).toBe(200);
  const body = await response.json();
  // Checked against the shared shape, then returned as sent: a test may look for a field that must not be there.
  accountListSchema.parse(body);
  return body.accounts as Array<Record<string, any>>;
}

describe('connecting a Gmail account', () => {
  it('sends the browser to consent with offline access, forced consent, PKCE S256 and the least scopes', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'ann@example.com');
    const withReplies = new URL((await agent.get('/api/accounts/connect')).headers.get('location')!);
    expect(withReplies.origin + withReplies.pathname).toBe(t.google.authUrl);
    const params = withReplies.searchParams;
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('prompt')).toBe('consent');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('redirect_uri')).toBe(`${t.config.publicUrl}/oauth/google/callback`);
    expect(params.get('scope')!.split(' ').sort()).toEqual(['email', 'openid', GMAIL_SCOPES.readonly, GMAIL_SCOPES.send].sort());

    const sendOnly = new URL((await agent.get('/api/accounts/connect?detectReplies=false')).headers.get('location')!);
    expect(sendOnly.searchParams.get('scope')!.split(' ')).not.toContain(GMAIL_SCOPES.readonly);
  });

  it('also starts from the extension with a bearer token', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'tok@example.com');
    const { token } = await (await agent.post('/api/tokens', { name: 'ext' })).json();
    const response = await t.app.request(`${t.config.publicUrl}/api/accounts/connect`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(302);
  });

  it('stores the mailbox with its defaults and lands on the accounts page', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'bea@example.com');
    const { response } = await connectSandboxMailbox(agent, 'Bea.Sender@gmail.com', { query: 'timezone=Europe/Paris' });
    expect(response!.status).toBe(303);
    expect(response!.headers.get('location')).toMatch(/^\/accounts\?notice=connected&account=acc_/);
    const [account] = await listAccounts(agent);
    expect(account).toMatchObject({
      email: 'bea.sender@gmail.com',
      status: 'ok',
      dailyLimit: 400,
      minGapSeconds: 60,
      maxGapSeconds: 180,
      timezone: 'Europe/Paris',
      sentLast24h: 0,
      detectsReplies: true,
    });
    expect(account!.scopes).toContain(GMAIL_SCOPES.send);
    expect(JSON.stringify(account)).not.toMatch(/token/i);

    await connectSandboxMailbox(agent, 'sales@company.example');
    const accounts = await listAccounts(agent);
    expect(accounts.map((a) => [a.email, a.dailyLimit])).toEqual([
      ['bea.sender@gmail.com', 400],
      ['sales@company.example', 1800],
    ]);
  });

  it('reconnecting the same address updates its tokens and keeps its settings, without a twin', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'cal@example.com');
    await connectSandboxMailbox(agent, 'cal@gmail.com');
    const [first] = await listAccounts(agent);
    await agent.patch(`/api/accounts/${first!.id}`, { dailyLimit: 50, fromName: 'Cal' });
    const { response } = await connectSandboxMailbox(agent, 'CAL@gmail.com', { query: 'detectReplies=false' });
    expect(response!.headers.get('location')).toMatch(/notice=reconnected/);
    const accounts = await listAccounts(agent);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: first!.id, dailyLimit: 50, fromName: 'Cal', detectsReplies: false });
  });

  it('a user who cancels at Google comes back to the accounts page with nothing stored', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'den@example.com');
    const response = await agent.get('/oauth/google/callback?error=access_denied&state=x');
    expect(response.headers.get('location')).toBe('/accounts?notice=connect-cancelled');
    expect(await listAccounts(agent)).toEqual([]);
  });
});

describe('the OAuth state', () => {
  it('refuses a tampered state with a 400 page and stores nothing', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'eli@example.com');
    const { callbackUrl } = await connectSandboxMailbox(agent, 'eli@gmail.com', { stopBeforeCallback: true });
    const state = callbackUrl.searchParams.get('state')!;
    const [header, payload, signature] = state.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.exp += 3600;
    callbackUrl.searchParams.set('state', `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
    await expectCallbackRefused(agent, callbackUrl, 'not valid');
    expect(await listAccounts(agent)).toEqual([]);
  });

  it('works once: a replayed callback is refused', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'fox@example.com');
    const { callbackUrl, response } = await connectSandboxMailbox(agent, 'fox@gmail.com');
    expect(response!.status).toBe(303);
    await expectCallbackRefused(agent, callbackUrl, 'already used');
    expect(await listAccounts(agent)).toHaveLength(1);
  });

  it('expires after 10 minutes', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'gia@example.com');
    const { callbackUrl } = await connectSandboxMailbox(agent, 'gia@gmail.com', { stopBeforeCallback: true });
    t.clock.advance(10 * 60_000 + 1000);
    await expectCallbackRefused(agent, callbackUrl, 'expired');
    expect(await listAccounts(agent)).toEqual([]);
  });

  it("refuses another user's state, for both users", async () => {
    const t = await setup();
    const victim = await signedInAgent(t, 'hal@example.com');
    const attacker = await signedInAgent(t, 'ivo@example.com');
    // The attacker authorises their own mailbox and tries to make it land in the victim's account.
    const { callbackUrl } = await connectSandboxMailbox(attacker.agent, 'attacker@gmail.com', { stopBeforeCallback: true });
    await expectCallbackRefused(victim.agent, callbackUrl, 'another iConnect user');
    expect(await listAccounts(victim.agent)).toEqual([]);
    expect(await listAccounts(attacker.agent)).toEqual([]);
  });

  it('needs the dashboard session in the browser that comes back', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'jo@example.com');
    const { callbackUrl } = await connectSandboxMailbox(agent, 'jo@gmail.com', { stopBeforeCallback: true });
    const response = await t.app.request(callbackUrl.toString().replace(callbackUrl.origin, t.config.publicUrl));
    expect(response.status).toBe(400);
    expect(await listAccounts(agent)).toEqual([]);
  });
});

describe('tokens at rest', () => {
  it('never holds a token in clear in the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iconnect-at-rest-'));
    try {
      const t = await setup({ databaseUrl: `file:${join(dir, 'iconnect.db')}` });
      const { agent } = await signedInAgent(t, 'kai@example.com');
      await connectSandboxMailbox(agent, 'kai@gmail.com');
      const [account] = await listAccounts(agent);
      await agent.post(`/api/accounts/${account!.id}/check`);
      const row = (await t.client.execute('SELECT refresh_token_sealed, access_token_sealed FROM gmail_accounts')).rows[0]!;
      const cipher = await createTokenCipher(t.config.encryptionKey);
      const refresh = await cipher.open(String(row.refresh_token_sealed), tokenBinding(account!.id, 'refresh'));
      const access = await cipher.open(String(row.access_token_sealed), tokenBinding(account!.id, 'access'));
      expect(refresh.length).toBeGreaterThan(20);
      const bytes = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1')).join('');
      expect(bytes).toContain('kai@gmail.com'); // the files are readable: the check below means something
      expect(bytes).not.toContain(refresh);
      expect(bytes).not.toContain(access);
      expect(t.logLines.join('\n')).not.toContain(refresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a wrong ENCRYPTION_KEY stops the server at start and sends nothing', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'lou@example.com');
    await connectSandboxMailbox(agent, 'lou@gmail.com');
    const wrongKey = await createTokenCipher(new Uint8Array(32).fill(7));
    await expect(assertTokensReadable({ db: t.db, tokenCipher: wrongKey })).rejects.toThrow(
      /ENCRYPTION_KEY cannot decrypt the Gmail tokens of 1 account/,
    );
  });

  it('a wrong ENCRYPTION_KEY at run time answers a clear 500 and makes no call to Google', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'max@example.com');
    await connectSandboxMailbox(agent, 'max@gmail.com');
    const [account] = await listAccounts(agent);
    // Simulate tokens sealed by another server: reseal under a key this server does not know.
    const foreign = await createTokenCipher(new Uint8Array(32).fill(9));
    await t.client.execute({
      sql: 'UPDATE gmail_accounts SET refresh_token_sealed = ?',
      args: [await foreign.seal('1//foreign', tokenBinding(account!.id, 'refresh'))],
    });
    const before = (await t.control('GET', '/state')).body.tokens.length;
    const response = await agent.post(`/api/accounts/${account!.id}/check`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ type: '/problems/encryption-key-mismatch' });
    expect((await t.control('GET', '/state')).body.tokens.length).toBe(before);
  });

  it('rotates the key: every token re-encrypted, readable with the new key alone', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'ned@example.com');
    await connectSandboxMailbox(agent, 'ned@gmail.com');
    await connectSandboxMailbox(agent, 'ned2@gmail.com');
    const newKey = new Uint8Array(32).fill(3);
    const rotating = await createTokenCipher(newKey, [t.config.encryptionKey]);
    expect(await resealAllTokens({ db: t.db, tokenCipher: rotating })).toEqual({ resealed: 2, alreadyCurrent: 0 });
    expect(await resealAllTokens({ db: t.db, tokenCipher: rotating })).toEqual({ resealed: 0, alreadyCurrent: 2 });
    const newOnly = await createTokenCipher(newKey);
    expect(await accountsWithUnknownKey({ db: t.db, tokenCipher: newOnly })).toEqual([]);
    const oldOnly = await createTokenCipher(t.config.encryptionKey);
    expect(await accountsWithUnknownKey({ db: t.db, tokenCipher: oldOnly })).toHaveLength(2);
  });
});

describe('using the stored authorisation', () => {
  // Access tokens that live a second: google-auth-library renews a token due to expire within its
  // eagerRefreshThresholdMillis (5 minutes; account-client.ts keeps the default), so it refreshes
  // on its own reading of expiry_date. Google's clock (the sandbox's) is then moved past the
  // token's life, so the old token is dead at Google too, as after an hour in production.
  const ACCESS_TOKEN_TTL_MS = 1000;
  const googleClock = () => fakeClock(new Date());

  /** `name`@example.com with `name`@gmail.com connected, its access tokens living a second on a Google clock the test moves. */
  async function connectedWithShortTokens(name: string) {
    const google = googleClock();
    const t = await setup({ accessTokenTtlMs: ACCESS_TOKEN_TTL_MS, sandboxClock: google });
    const { agent } = await signedInAgent(t, `${name}@example.com`);
    await connectSandboxMailbox(agent, `${name}@gmail.com`);
    const [account] = await listAccounts(agent);
    return { google, t, agent, account };
  }

  it('refreshes an expired access token through the Google library and stores the new one', async () => {
    const { google, t, agent, account } = await connectedWithShortTokens('ora');
    const sealedBefore = (await t.client.execute('SELECT access_token_sealed FROM gmail_accounts')).rows[0]!.access_token_sealed;
    const accessTokens = async () =>
      (await t.control('GET', '/state')).body.tokens.filter((token: { kind: string }) => token.kind === 'access') as Array<{ state: string }>;
    const issuedBefore = (await accessTokens()).length;
    google.advance(ACCESS_TOKEN_TTL_MS + 100);
    expect((await accessTokens()).every((token) => token.state === 'expired')).toBe(true);
    const response = await agent.post(`/api/accounts/${account!.id}/check`);
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe('ok');
    const sealedAfter = (await t.client.execute('SELECT access_token_sealed FROM gmail_accounts')).rows[0]!.access_token_sealed;
    expect(sealedAfter).not.toBe(sealedBefore);
    expect((await accessTokens()).length).toBe(issuedBefore + 1);
  });

  it('marks the account needs_reconnect when Google answers invalid_grant, and says why', async () => {
    const { google, t, agent, account } = await connectedWithShortTokens('pia');
    await t.control('POST', '/faults', { operation: 'token', status: 400, reason: 'invalid_grant', count: 1 });
    google.advance(ACCESS_TOKEN_TTL_MS + 100);
    const response = await agent.post(`/api/accounts/${account!.id}/check`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'needs_reconnect', statusReason: expect.stringMatching(/Connect the account again/) });
    expect((await listAccounts(agent))[0]).toMatchObject({ status: 'needs_reconnect' });

    await connectSandboxMailbox(agent, 'pia@gmail.com');
    expect((await listAccounts(agent))[0]).toMatchObject({ status: 'ok', statusReason: null });
  });
});

describe('account settings', () => {
  async function connected() {
    const t = await setup();
    const { agent } = await signedInAgent(t, `settings-${crypto.randomUUID().slice(0, 6)}@example.com`);
    await connectSandboxMailbox(agent, 'sender@gmail.com');
    const [account] = await listAccounts(agent);
    return { t, agent, id: account!.id as string };
  }

  it('changes limits, gaps, time zone, sender name and signature', async () => {
    const { agent, id } = await connected();
    const response = await agent.patch(`/api/accounts/${id}`, {
      dailyLimit: 500,
      minGapSeconds: 0,
      maxGapSeconds: 0,
      timezone: 'America/New_York',
      fromName: 'Ada from Sales',
      signatureHtml: '<p>Ada</p>',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dailyLimit: 500, minGapSeconds: 0, maxGapSeconds: 0, timezone: 'America/New_York', fromName: 'Ada from Sales' });
  });

  it.each([
    [{ dailyLimit: 2001 }, 'dailyLimit'],
    [{ dailyLimit: 0 }, 'dailyLimit'],
    [{ dailyLimit: 10.5 }, 'dailyLimit'],
    [{ minGapSeconds: -1 }, 'minGapSeconds'],
    [{ maxGapSeconds: 86401 }, 'maxGapSeconds'],
    [{ minGapSeconds: 300 }, 'minGapSeconds'],
    [{ minGapSeconds: 100, maxGapSeconds: 50 }, 'maxGapSeconds'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ fromName: 'Ada\r\nBcc: everyone@example.com' }, 'fromName'],
  ])('refuses %j with a 400 naming %s', async (patch, field) => {
    const { agent, id } = await connected();
    const response = await agent.patch(`/api/accounts/${id}`, patch);
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect((await listAccounts(agent))[0]).toMatchObject({ dailyLimit: 400, minGapSeconds: 60, maxGapSeconds: 180 });
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const { agent, id } = await connected();
    const response = await agent.patch(`/api/accounts/${id}`, { status: 'ok', email: 'other@gmail.com' });
    expect(response.status).toBe(400);
  });
});

describe('disconnecting', () => {
  it('revokes the grant at Google and deletes the account and its tokens', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'quin@example.com');
    await connectSandboxMailbox(agent, 'quin@gmail.com');
    const [account] = await listAccounts(agent);
    const response = await agent.delete(`/api/accounts/${account!.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revokedAtGoogle: true });
    const tokens = (await t.control('GET', '/state')).body.tokens.filter((token: { mailbox: string }) => token.mailbox === 'quin@gmail.com');
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token: { state: string }) => token.state === 'revoked')).toBe(true);
    expect(await listAccounts(agent)).toEqual([]);
    expect((await t.client.execute('SELECT count(*) AS n FROM gmail_accounts')).rows[0]!.n).toBe(0);
  });

  it('still deletes everything when Google cannot be reached, and says so', async () => {
    const t = await setup();
    const { agent } = await signedInAgent(t, 'rae@example.com');
    await connectSandboxMailbox(agent, 'rae@gmail.com');
    const [account] = await listAccounts(agent);
    await t.control('POST', '/faults', { operation: 'revoke', status: 503, count: 5 });
    const response = await agent.delete(`/api/accounts/${account!.id}`);
    expect(await response.json()).toEqual({ revokedAtGoogle: false });
    expect(await listAccounts(agent)).toEqual([]);
  });
});
