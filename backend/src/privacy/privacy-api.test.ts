import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp, type SandboxedTestApp } from '../testing/sandboxed-test-app';

let t: SandboxedTestApp;
beforeEach(async () => {
  t = await createSandboxedTestApp();
});
afterEach(() => t.close());

async function userWithData(email: string) {
  const { agent, password } = await signedInAgent(t, email);
  await agent.post('/api/tokens', { name: 'laptop' });
  await connectSandboxMailbox(agent, `mailbox-of-${email.split('@')[0]}@gmail.com`);
  const campaign = await (await agent.post('/api/campaigns', { name: 'Export me', subject: 'Hi', html: '<p>Hi</p>' })).json();
  await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'ada@example.com', fields: { Company: 'AE' } }] });
  await agent.post('/api/suppressions', { email: 'never@example.com' });
  return { agent, password, campaign };
}

describe('GET /api/export', () => {
  it('returns everything the user owns and no secret', async () => {
    const { agent, campaign } = await userWithData('exporter@example.com');
    const response = await agent.get('/api/export');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="iconnect-export-/);
    const data = await response.json();
    expect(data.user.email).toBe('exporter@example.com');
    expect(data.apiTokens).toEqual([expect.objectContaining({ name: 'laptop' })]);
    expect(data.gmailAccounts).toEqual([expect.objectContaining({ email: 'mailbox-of-exporter@gmail.com', dailyLimit: 400 })]);
    expect(data.campaigns).toEqual([
      expect.objectContaining({ id: campaign.id, name: 'Export me', recipients: [expect.objectContaining({ email: 'ada@example.com', fields: { Company: 'AE' } })] }),
    ]);
    expect(data.suppressions).toEqual([expect.objectContaining({ email: 'never@example.com', reason: 'manual' })]);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/scrypt\$|ick_|1\/\/|sealed|password/i);
  });

  it('holds only the asking user\'s data', async () => {
    await userWithData('someone-else@example.com');
    const { agent } = await signedInAgent(t, 'empty@example.com');
    const data = await (await agent.get('/api/export')).json();
    expect(data).toMatchObject({ gmailAccounts: [], campaigns: [], suppressions: [], apiTokens: [] });
  });
});

describe('suppressions', () => {
  it('adds (idempotently), lists and removes addresses; a suppressed address is not imported as sendable', async () => {
    const { agent, campaign } = await userWithData('supp@example.com');
    const again = await agent.post('/api/suppressions', { email: 'NEVER@example.com', reason: 'bounced' });
    expect(again.status).toBe(200);
    expect((await again.json()).reason).toBe('manual');
    const added = await (await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'never@example.com' }] })).json();
    expect(added).toMatchObject({ imported: 0, suppressed: 1 });
    expect((await agent.post('/api/suppressions', { email: 'nope' })).status).toBe(400);
    expect((await agent.delete('/api/suppressions/never@example.com')).status).toBe(204);
    expect((await agent.delete('/api/suppressions/never@example.com')).status).toBe(404);
    expect((await (await agent.get('/api/suppressions')).json()).suppressions).toEqual([]);
  });
});

describe('DELETE /api/me', () => {
  it('refuses without the right password and deletes nothing', async () => {
    const { agent } = await userWithData('keep@example.com');
    const response = await agent.request('DELETE', '/api/me', { json: { password: 'not my password' } });
    expect(response.status).toBe(400);
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('deletes the user and everything they own, revokes Gmail access and signs out', async () => {
    const { agent, password } = await userWithData('leaver@example.com');
    await userWithData('stayer@example.com');
    const response = await agent.request('DELETE', '/api/me', { json: { password } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: true, revokedAtGoogle: 1, notRevoked: [] });
    expect((await agent.get('/api/me')).status).toBe(401);
    expect((await browserAgent(t).post('/api/auth/login', { email: 'leaver@example.com', password })).status).toBe(401);

    const counts = async (table: string) => Number((await t.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    // Only the other user's data is left: one of each.
    for (const table of ['users', 'api_tokens', 'gmail_accounts', 'campaigns', 'recipients', 'suppressions']) {
      expect(await counts(table), table).toBe(1);
    }
    expect(await counts('sessions')).toBe(1);
    const grants = (await t.control('GET', '/state')).body.tokens.filter((token: { mailbox: string }) => token.mailbox === 'mailbox-of-leaver@gmail.com');
    expect(grants.every((token: { state: string }) => token.state === 'revoked')).toBe(true);
  });
});

describe('privacy settings', () => {
  it('turns IP truncation on and off for the user', async () => {
    const { agent } = await signedInAgent(t, 'settings@example.com');
    expect(await (await agent.get('/api/settings')).json()).toMatchObject({ truncateIpAddresses: false });
    const changed = await agent.patch('/api/settings', { truncateIpAddresses: true });
    expect(await changed.json()).toMatchObject({ truncateIpAddresses: true });
    expect((await agent.patch('/api/settings', { truncateIpAddresses: 'yes' })).status).toBe(400);
    expect((await agent.patch('/api/settings', { other: true })).status).toBe(400);
  });
});
