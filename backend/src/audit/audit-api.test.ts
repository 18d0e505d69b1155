import { describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditEntry } from '../../../shared/schemas/audit';
import { accountListSchema } from '../../../shared/schemas/accounts';
import { createdTokenSchema } from '../../../shared/schemas/tokens';
import { bearerRequest, browserAgent, signedInAgent, type BrowserAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { useEach } from '../testing/use-test-app';

const t = useEach(() => createSandboxedTestApp());

const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long enough password';
const RECIPIENTS = ['ada@example.com', 'grace@example.org', 'linus@example.net'];

/** The whole log, every page, newest first, as the API answers it. */
async function wholeLog(agent: BrowserAgent): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const response = await agent.get(`/api/audit${cursor ? `?cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    const page = auditPageSchema.parse(await response.json());
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

const rawRows = async () => (await t.client.execute('SELECT * FROM audit_log')).rows;

describe('the audit log', () => {
  it('records every action with who did it, and never a secret or a recipient’s address', async () => {
    const { agent, user } = await signedInAgent(t, 'owner@example.com', PASSWORD);
    const sessionCookie = agent.cookie!.split('=')[1]!;

    // Sign-ins: a good one, a wrong password from a known address, and an address nobody has.
    const browser = browserAgent(t);
    expect((await browser.post('/api/auth/login', { email: 'owner@example.com', password: PASSWORD })).status).toBe(200);
    const wrong = { email: 'owner@example.com', password: 'not the password at all' };
    expect((await browser.post('/api/auth/login', wrong, { headers: { 'x-test-client-address': '203.0.113.77' } })).status).toBe(401);
    const before = (await rawRows()).length;
    expect((await browser.post('/api/auth/login', { email: 'nobody@example.com', password: 'whatever it is' })).status).toBe(401);
    expect((await rawRows()).length).toBe(before);

    // A token, made in the browser, then doing the campaign's work as a script would.
    const created = createdTokenSchema.parse(await (await agent.post('/api/tokens', { name: 'release script' })).json());
    const api = bearerRequest(t, created.token);

    const { callbackUrl } = await connectSandboxMailbox(agent, 'sender@gmail.com');
    const oauthCode = callbackUrl.searchParams.get('code')!;
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    const accountId = accounts[0]!.id;
    const sealedRefreshToken = String((await t.client.execute('SELECT refresh_token_sealed AS v FROM gmail_accounts')).rows[0]!.v);
    expect((await api('PATCH', `/api/accounts/${accountId}`, { dailyLimit: 80, fromName: 'Owner' })).status).toBe(200);
    // Saved unchanged: nothing to record.
    expect((await api('PATCH', `/api/accounts/${accountId}`, { dailyLimit: 80 })).status).toBe(200);

    expect((await agent.patch('/api/settings', { truncateIpAddresses: true })).status).toBe(200);
    expect((await browser.post('/api/auth/login', wrong, { headers: { 'x-test-client-address': '203.0.113.77' } })).status).toBe(401);

    const campaign = await (await api('POST', '/api/campaigns', { name: 'Autumn news', subject: 'Hi', html: '<p>Hi</p>', accountIds: [accountId] })).json();
    const csv = `email,Company\n${RECIPIENTS.join(',ACME\n')},ACME\n${RECIPIENTS[0]},again\nnot-an-address,x\n`;
    expect((await api('POST', `/api/campaigns/${campaign.id}/recipients/import`, undefined, { body: csv, contentType: 'text/csv' })).status).toBe(201);
    expect((await api('POST', `/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    expect((await api('POST', `/api/campaigns/${campaign.id}/pause`)).status).toBe(200);
    expect((await api('POST', `/api/campaigns/${campaign.id}/resume`)).status).toBe(200);
    expect((await api('POST', `/api/campaigns/${campaign.id}/cancel`)).status).toBe(200);
    expect((await api('GET', `/api/campaigns/${campaign.id}/recipients.csv`)).status).toBe(200);
    expect((await agent.get('/api/export')).status).toBe(200);
    expect((await agent.get(`/api/people/${encodeURIComponent(RECIPIENTS[1]!)}`)).status).toBe(200);
    expect((await agent.post('/api/people/erase', { email: RECIPIENTS[1] })).status).toBe(200);
    const doomed = await (await agent.post('/api/campaigns', { name: 'Scratch', subject: 'x', html: '<p>x</p>' })).json();
    expect((await agent.delete(`/api/campaigns/${doomed.id}`)).status).toBe(204);

    const again = await connectSandboxMailbox(agent, 'sender@gmail.com');
    expect(again.response!.headers.get('location')).toContain('notice=reconnected');
    expect((await agent.delete(`/api/accounts/${accountId}`)).status).toBe(200);
    expect((await agent.delete(`/api/tokens/${created.id}`)).status).toBe(204);
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    const passwordChange = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    expect((await agent.post('/api/auth/password', passwordChange)).status).toBe(204);

    const log = await wholeLog(agent);
    const ids = log.map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const one = (action: string) => {
      const found = log.filter((entry) => entry.action === action);
      expect(found, action).toHaveLength(1);
      return found[0]!;
    };
    const byToken = { actor: 'token', tokenId: created.id };
    const byBrowser = { actor: 'dashboard', tokenId: null };
    expect(log.filter((entry) => entry.action === 'auth.sign_in')).toEqual([expect.objectContaining(byBrowser)]);
    expect(log.filter((entry) => entry.action === 'auth.sign_in_failed')).toEqual([
      // Newest first: after the user chose truncated addresses, then before.
      expect.objectContaining({ actor: 'anonymous', ipAddress: '203.0.113.0' }),
      expect.objectContaining({ actor: 'anonymous', ipAddress: '203.0.113.77' }),
    ]);
    expect(one('token.created')).toMatchObject({ ...byBrowser, subject: created.id, detail: { name: 'release script' } });
    expect(one('token.revoked')).toMatchObject({ ...byBrowser, subject: created.id, detail: { name: 'release script' } });
    expect(one('account.connected')).toMatchObject({ ...byBrowser, subject: accountId });
    expect(one('account.settings_changed')).toMatchObject({ ...byToken, subject: accountId, detail: { settings: 'dailyLimit, fromName' } });
    expect(one('account.reconnected')).toMatchObject({ ...byBrowser, subject: accountId });
    expect(one('account.disconnected')).toMatchObject({ ...byBrowser, subject: accountId });
    expect(one('settings.changed')).toMatchObject(byBrowser);
    expect(log.filter((entry) => entry.action === 'campaign.created')).toEqual([
      expect.objectContaining({ ...byBrowser, subject: doomed.id }),
      expect.objectContaining({ ...byToken, subject: campaign.id }),
    ]);
    for (const action of ['campaign.launched', 'campaign.paused', 'campaign.resumed', 'campaign.cancelled']) {
      expect(one(action)).toMatchObject({ ...byToken, subject: campaign.id });
    }
    expect(one('campaign.deleted')).toMatchObject({ ...byBrowser, subject: doomed.id, detail: { name: 'Scratch' } });
    expect(one('recipients.imported')).toMatchObject({
      ...byToken,
      subject: campaign.id,
      detail: { source: 'csv', imported: 3, duplicates: 1, suppressed: 0, invalid: 1 },
    });
    expect(log.filter((entry) => entry.action === 'data.exported')).toEqual([
      expect.objectContaining(byBrowser),
      expect.objectContaining({ ...byToken, subject: campaign.id }),
    ]);
    expect(one('person.viewed')).toMatchObject(byBrowser);
    expect(one('person.erased')).toMatchObject(byBrowser);
    expect(one('auth.password_changed')).toMatchObject(byBrowser);
    // The browser that signed in signs out; the owner's own session stays.
    expect(one('auth.sign_out')).toMatchObject(byBrowser);
    // Revoked now: its entries keep its id, and no longer find a name to join.
    expect(log.filter((entry) => entry.actor === 'token').every((entry) => entry.tokenName === null)).toBe(true);

    const answered = JSON.stringify(log);
    const stored = JSON.stringify(await rawRows());
    const secrets = [created.token, PASSWORD, NEW_PASSWORD, wrong.password, sessionCookie, oauthCode, again.callbackUrl.searchParams.get('code')!, sealedRefreshToken, ...RECIPIENTS, 'nobody@example.com'];
    for (const secret of secrets) {
      expect(answered, secret).not.toContain(secret);
      expect(stored, secret).not.toContain(secret);
    }
    // Google's refresh tokens start "1//"; none reaches the log.
    expect(stored).not.toMatch(/1\/\//);
    expect((await rawRows()).every((row) => row.user_id === user.id)).toBe(true);
  });

  it('shows the token’s name while it exists', async () => {
    const { agent } = await signedInAgent(t, 'owner@example.com');
    const created = createdTokenSchema.parse(await (await agent.post('/api/tokens', { name: 'laptop' })).json());
    await bearerRequest(t, created.token)('POST', '/api/campaigns', { name: 'A', subject: 'x', html: '<p>x</p>' });
    const [entry] = await wholeLog(agent);
    expect(entry).toMatchObject({ action: 'campaign.created', actor: 'token', tokenId: created.id, tokenName: 'laptop' });
  });

  it('never shows another user’s entries, whatever the cursor', async () => {
    const { agent: ada } = await signedInAgent(t, 'ada@example.com');
    await ada.post('/api/tokens', { name: 'ada’s token' });
    const { agent: bob } = await signedInAgent(t, 'bob@example.com');
    await bob.post('/api/tokens', { name: 'bob’s token' });
    const adaLog = await wholeLog(ada);
    expect(adaLog.map((entry) => entry.detail?.name ?? null)).not.toContain('bob’s token');
    // A cursor beyond every id (or another user's id) still pages only through one's own log.
    const page = auditPageSchema.parse(await (await ada.get('/api/audit?cursor=999999999')).json());
    expect(page.entries.map((entry) => entry.id)).toEqual(adaLog.map((entry) => entry.id));
    expect((await bob.get('/api/audit')).status).toBe(200);
    expect((await browserAgent(t).get('/api/audit')).status).toBe(401);
  });

  it('refuses a cursor or limit it did not make, naming the field', async () => {
    const { agent } = await signedInAgent(t, 'owner@example.com');
    for (const [query, field] of [['cursor=abc', 'cursor'], ['cursor=-1', 'cursor'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit']]) {
      const response = await agent.get(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).errors, query).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('is deleted with the user', async () => {
    const { agent } = await signedInAgent(t, 'leaver@example.com', PASSWORD);
    await agent.post('/api/tokens', { name: 'x' });
    const { user: stayer } = await signedInAgent(t, 'stayer@example.com');
    await browserAgent(t).post('/api/auth/login', { email: 'stayer@example.com', password: PASSWORD });
    expect((await wholeLog(agent)).length).toBeGreaterThan(0);
    expect((await agent.request('DELETE', '/api/me', { json: { password: PASSWORD } })).status).toBe(200);
    const left = await rawRows();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((row) => row.user_id === stayer.id)).toBe(true);
  });
});
