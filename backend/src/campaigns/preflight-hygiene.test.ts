import { afterAll, beforeAll, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema, skipHygieneResultSchema } from '../../../shared/schemas/launch';
import { signedInAgent } from '../testing/browser-agent';
import { startLoopbackDns } from '../testing/loopback-dns-server';
import { addTestAccount } from '../testing/test-accounts';
import { createTestApp } from '../testing/test-app';

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
beforeAll(async () => {
  dns = await startLoopbackDns({
    'acme.example.net': { mx: [{ priority: 10, exchange: 'mx.acme.example.net' }] },
    // The sender's domain: SPF without Google, no DKIM key, no DMARC.
    'sender.example.net': { txt: ['v=spf1 mx -all'] },
  });
});
afterAll(() => dns.close());

it('sorts the recipients it would send to, warns about the sender domain, and skips a kind on request', async () => {
  const t = await createTestApp({ env: { DNS_SERVERS: dns.server } });
  try {
    const { agent, user } = await signedInAgent(t, 'owner@sender.example.net');
    const account = await addTestAccount(t, user.id, 'ann@sender.example.net');
    const created = await agent.post('/api/campaigns', { name: 'Spring', subject: 'Hi', html: '<p>Hi</p>', accountIds: [account.id] });
    const campaign = campaignSchema.parse(await created.json());
    const recipients = ['ok@acme.example.net', 'sales@acme.example.net', 'gone@nowhere.example.net', 'x@shop.test', 'tmp@mailinator.com', 'bo@gmial.com', 'cy@gmial.com'];
    expect((await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: recipients.map((email) => ({ email })) })).status).toBe(201);

    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check.listHygiene).toEqual({
      noMailDomain: { count: 2, examples: ['x@shop.test', 'gone@nowhere.example.net'] },
      disposable: { count: 1, examples: ['tmp@mailinator.com'] },
      role: { count: 1, examples: ['sales@acme.example.net'] },
      typo: { count: 2, examples: ['bo@gmial.com -> gmail.com', 'cy@gmial.com -> gmail.com'] },
      unknown: { count: 0, examples: [] },
    });
    // Warnings, never blockers: the campaign can still launch.
    expect(check.blockers).toEqual([]);
    expect(check.warnings?.map((w) => w.code)).toEqual(expect.arrayContaining(['sender-auth-spf', 'sender-auth-dkim', 'sender-auth-dmarc']));
    expect(check.warnings?.find((w) => w.code === 'sender-auth-spf')?.message).toContain('include:_spf.google.com');

    const skipped = await agent.post(`/api/campaigns/${campaign.id}/recipients/skip-hygiene`, { kinds: ['typo', 'noMailDomain'] });
    expect(skipHygieneResultSchema.parse(await skipped.json())).toEqual({ removed: 4 });
    const after = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(after.sendable).toBe(3);
    expect([after.listHygiene!.typo.count, after.listHygiene!.noMailDomain.count, after.listHygiene!.role.count]).toEqual([0, 0, 1]);

    const refused = await agent.post(`/api/campaigns/${campaign.id}/recipients/skip-hygiene`, { kinds: ['spam'] });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].field).toBe('kinds.0');
  } finally {
    await t.close();
  }
});
