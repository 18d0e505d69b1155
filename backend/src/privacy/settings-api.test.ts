import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, settingsSchema } from '../../../shared/schemas/settings';
import { browserAgent, signedInAgent } from '../testing/browser-agent';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
afterEach(() => t.close());

async function auditRows(userId: string) {
  const result = await t.client.execute({
    sql: 'SELECT actor, token_id, action, detail FROM audit_log WHERE user_id = ? ORDER BY id',
    args: [userId],
  });
  return result.rows.map((row) => ({ actor: row.actor, tokenId: row.token_id, action: row.action, detail: JSON.parse(String(row.detail ?? 'null')) }));
}

describe('GET /api/settings', () => {
  it('answers the defaults and the operator tracking mode for a new user', async () => {
    t = await createTestApp({ env: { TRACKING: 'consent' } });
    const { agent } = await signedInAgent(t, 'defaults@example.com');
    const settings = settingsSchema.parse(await (await agent.get('/api/settings')).json());
    expect(settings).toEqual({
      truncateIpAddresses: false,
      retention: { trackingEventsDays: 395, ipAddressDays: 30, finishedCampaignRecipientsDays: null },
      postalAddress: null,
      trackingMode: 'consent',
    });
    expect(settings.retention).toEqual(DEFAULT_RETENTION);
  });
});

describe('PATCH /api/settings', () => {
  it('changes only what the patch names, answers and keeps the full settings', async () => {
    t = await createTestApp();
    const { agent } = await signedInAgent(t, 'patcher@example.com');
    const response = await agent.patch('/api/settings', {
      retention: { ipAddressDays: 7, finishedCampaignRecipientsDays: 90 },
      postalAddress: '  Acme Inc.\n1 Main Street\nSpringfield, IL 62701  ',
    });
    expect(response.status).toBe(200);
    const expected = {
      truncateIpAddresses: false,
      retention: { trackingEventsDays: 395, ipAddressDays: 7, finishedCampaignRecipientsDays: 90 },
      postalAddress: 'Acme Inc.\n1 Main Street\nSpringfield, IL 62701',
      trackingMode: 'on',
    };
    expect(await response.json()).toEqual(expected);
    expect(await (await agent.get('/api/settings')).json()).toEqual(expected);

    // Back to "keep recipients of finished campaigns", and the address cleared by ''.
    const cleared = await (await agent.patch('/api/settings', { retention: { finishedCampaignRecipientsDays: null }, postalAddress: '' })).json();
    expect(cleared).toMatchObject({ retention: { ipAddressDays: 7, finishedCampaignRecipientsDays: null }, postalAddress: null });
    await agent.patch('/api/settings', { postalAddress: 'PO Box 1' });
    expect(await (await agent.patch('/api/settings', { postalAddress: null })).json()).toMatchObject({ postalAddress: null });
  });

  it('refuses an IP period longer than the events period, after merging with the current values', async () => {
    t = await createTestApp();
    const { agent } = await signedInAgent(t, 'periods@example.com');
    const tooLong = await agent.patch('/api/settings', { retention: { ipAddressDays: 400 } });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors).toEqual([{ field: 'retention.ipAddressDays', message: expect.stringMatching(/400 days.*395 days/) }]);

    const shorterEvents = await agent.patch('/api/settings', { retention: { trackingEventsDays: 10 } });
    expect(shorterEvents.status).toBe(400);
    expect((await shorterEvents.json()).errors).toEqual([{ field: 'retention.trackingEventsDays', message: expect.any(String) }]);

    // Both at once is fine when they agree.
    const both = await agent.patch('/api/settings', { retention: { trackingEventsDays: 10, ipAddressDays: 10 } });
    expect(both.status).toBe(200);
    expect(await (await agent.get('/api/settings')).json()).toMatchObject({ retention: { trackingEventsDays: 10, ipAddressDays: 10 } });
  });

  it('refuses malformed fields naming them, and changes nothing', async () => {
    t = await createTestApp();
    const { agent } = await signedInAgent(t, 'hostile@example.com');
    const cases: [unknown, string][] = [
      [{ retention: { trackingEventsDays: 0 } }, 'retention.trackingEventsDays'],
      [{ retention: { ipAddressDays: 1.5 } }, 'retention.ipAddressDays'],
      [{ retention: { finishedCampaignRecipientsDays: 3651 } }, 'retention.finishedCampaignRecipientsDays'],
      [{ retention: { trackingEventsDays: '30' } }, 'retention.trackingEventsDays'],
      [{ retention: { other: 1 } }, 'retention'],
      [{ postalAddress: 'x'.repeat(501) }, 'postalAddress'],
      [{ postalAddress: '1\n2\n3\n4\n5\n6\n7' }, 'postalAddress'],
      [{ postalAddress: 'Main St\u0007' }, 'postalAddress'],
      [{ trackingMode: 'off' }, ''],
    ];
    for (const [body, field] of cases) {
      const response = await agent.patch('/api/settings', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const fields = ((await response.json()).errors as { field: string }[]).map((error) => error.field);
      if (field !== '') expect(fields, JSON.stringify(body)).toContain(field);
    }
    expect(await (await agent.get('/api/settings')).json()).toMatchObject({ retention: DEFAULT_RETENTION, postalAddress: null });
  });

  it('records the names of changed settings in the audit log, never the postal address', async () => {
    t = await createTestApp();
    const { agent, user } = await signedInAgent(t, 'audited@example.com');
    const address = 'Secret Villa, 12 Hidden Lane';
    await agent.patch('/api/settings', { truncateIpAddresses: true, retention: { ipAddressDays: 14 }, postalAddress: address });
    await agent.patch('/api/settings', { retention: { ipAddressDays: 14 } }); // no change: no entry
    const token = (await (await agent.post('/api/tokens', { name: 'script' })).json()) as { id: string; token: string };
    const script = browserAgent(t);
    await script.request('PATCH', '/api/settings', { json: { postalAddress: '' }, headers: { authorization: `Bearer ${token.token}` } });

    const entries = (await auditRows(user.id)).filter((entry) => entry.action === 'settings.changed');
    expect(entries).toEqual([
      { actor: 'dashboard', tokenId: null, action: 'settings.changed', detail: { truncateIpAddresses: true, 'retention.ipAddressDays': 14, postalAddress: 'set' } },
      { actor: 'token', tokenId: token.id, action: 'settings.changed', detail: { postalAddress: 'cleared' } },
    ]);
    const raw = JSON.stringify((await t.client.execute('SELECT * FROM audit_log')).rows);
    expect(raw).not.toContain('Hidden Lane');
  });
});

describe('GET /api/export', () => {
  it('holds the settings, and records that the data was exported', async () => {
    t = await createTestApp();
    const { agent, user } = await signedInAgent(t, 'exported@example.com');
    await agent.patch('/api/settings', { postalAddress: 'Acme Inc.\n1 Main Street', retention: { ipAddressDays: 9 } });
    const response = await agent.get('/api/export');
    expect(response.status).toBe(200);
    // The postal address and periods are the user's data too.
    expect((await response.json()).settings).toEqual({
      truncateIpAddresses: false,
      retention: { trackingEventsDays: 395, ipAddressDays: 9, finishedCampaignRecipientsDays: null },
      postalAddress: 'Acme Inc.\n1 Main Street',
    });
    expect((await auditRows(user.id)).filter((entry) => entry.action === 'data.exported')).toEqual([
      { actor: 'dashboard', tokenId: null, action: 'data.exported', detail: null },
    ]);
  });
});

describe('DELETE /api/me', () => {
  it('writes one server log line naming the user id only', async () => {
    t = await createTestApp();
    const { agent, user, password } = await signedInAgent(t, 'gone-for-good@example.com');
    expect((await agent.request('DELETE', '/api/me', { json: { password } })).status).toBe(200);
    const lines = t.logLines.filter((line) => line.includes('account deleted'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'account deleted', userId: user.id });
    expect(t.logLines.join('\n')).not.toContain('gone-for-good');
  });
});
