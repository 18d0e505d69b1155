import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailAccountSchema } from '../../../shared/schemas/accounts';
import { appDnsResolver } from '../dns/create-dns';
import { nodeDnsResolver } from '../dns/node-resolver';
import { fakeClock } from '../lib/clock';
import { signedInAgent } from '../testing/browser-agent';
import { startLoopbackDns } from '../testing/loopback-dns-server';
import { createTestApp } from '../testing/test-app';
import { addTestAccount } from '../testing/test-accounts';
import { checkDomainAuth } from './domain-auth';

const DKIM_KEY = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0';

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
beforeAll(async () => {
  dns = await startLoopbackDns({
    'complete.example.net': { txt: ['v=spf1 include:_spf.google.com ~all', 'google-site-verification=abc'] },
    'google._domainkey.complete.example.net': { txt: [[DKIM_KEY.slice(0, 30), DKIM_KEY.slice(30)]] },
    '_dmarc.complete.example.net': { txt: ['v=DMARC1; p=quarantine; rua=mailto:d@complete.example.net'] },
    'bare.example.net': { mx: [{ priority: 10, exchange: 'mx.bare.example.net' }] },
    'other-host.example.net': { txt: ['v=spf1 include:spf.protection.outlook.com -all'] },
    'two-spf.example.net': { txt: ['v=spf1 include:_spf.google.com ~all', 'v=spf1 mx -all'] },
    'google._domainkey.two-spf.example.net': { txt: ['v=DKIM1; k=rsa; p='] },
    '_dmarc.two-spf.example.net': { txt: ['v=DMARC1; rua=mailto:x@two-spf.example.net'] },
    'own-selector.example.net': { txt: ['v=spf1 include:_spf.google.com -all'] },
    'mail2026._domainkey.own-selector.example.net': { txt: [DKIM_KEY] },
    '_dmarc.own-selector.example.net': { txt: ['v=DMARC1; p=none'] },
  });
});
afterAll(() => dns.close());

const clock = fakeClock('2026-03-02T10:00:00Z');
const check = (email: string, servers = [dns.server]) =>
  checkDomainAuth({ dns: appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers })), clock }, email);

describe('sender authentication of an account on its own domain', () => {
  it('passes a domain with SPF for Google, a DKIM key and DMARC', async () => {
    const auth = await check('ann@complete.example.net');
    expect(auth).toMatchObject({ domain: 'complete.example.net', checkedAt: '2026-03-02T10:00:00.000Z' });
    expect([auth!.spf.status, auth!.dkim.status, auth!.dmarc.status]).toEqual(['pass', 'pass', 'pass']);
    expect(auth!.dmarc.reason).toContain('p=quarantine');
  });

  it('says what to add to a domain with none of them', async () => {
    const auth = await check('ann@bare.example.net');
    expect([auth!.spf.status, auth!.dkim.status, auth!.dmarc.status]).toEqual(['missing', 'missing', 'missing']);
    expect(auth!.spf.reason).toContain('v=spf1 include:_spf.google.com ~all');
    expect(auth!.dkim.reason).toContain('google._domainkey.bare.example.net');
    expect(auth!.dmarc.reason).toContain('_dmarc.bare.example.net: v=DMARC1; p=none');
  });

  it('finds an SPF record that does not authorise Google invalid', async () => {
    const auth = await check('ann@other-host.example.net');
    expect(auth!.spf).toMatchObject({ status: 'invalid' });
    expect(auth!.spf.reason).toContain('include:_spf.google.com');
  });

  it('finds two SPF records, a revoked DKIM key and a DMARC record without policy invalid', async () => {
    const auth = await check('ann@two-spf.example.net');
    expect(auth!.spf).toMatchObject({ status: 'invalid', reason: expect.stringContaining('2 SPF records') });
    expect(auth!.dkim).toMatchObject({ status: 'invalid', reason: expect.stringContaining('revoked') });
    expect(auth!.dmarc).toMatchObject({ status: 'invalid' });
  });

  it('is unknown, not missing, when no DNS server can be reached', async () => {
    const auth = await check('ann@complete.example.net', ['127.0.0.1:9']);
    expect([auth!.spf.status, auth!.dkim.status, auth!.dmarc.status]).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('has nothing to check for gmail.com and googlemail.com accounts', async () => {
    expect(await check('ann@gmail.com')).toBeNull();
    expect(await check('ann@GoogleMail.com')).toBeNull();
  });
});

describe('GET /api/accounts/:id', () => {
  it('answers the domain authentication with the account', async () => {
    const t = await createTestApp({ env: { DNS_SERVERS: dns.server } });
    try {
      const { agent, user } = await signedInAgent(t, 'owner@bare.example.net');
      const own = await addTestAccount(t, user.id, 'ann@bare.example.net');
      const consumer = await addTestAccount(t, user.id, 'bob@gmail.com');
      const body = gmailAccountSchema.parse(await (await agent.get(`/api/accounts/${own.id}`)).json());
      expect(body.domainAuth?.domain).toBe('bare.example.net');
      expect(body.domainAuth?.spf.status).toBe('missing');
      const gmail = gmailAccountSchema.parse(await (await agent.get(`/api/accounts/${consumer.id}`)).json());
      expect(gmail.domainAuth).toBeNull();

      // The dashboard shows the same on the account's settings page, and nothing for a gmail.com account.
      const page = await (await agent.get(`/accounts/${own.id}/settings`)).text();
      expect(page).toContain('Sender authentication of <span class="break-anywhere">bare.example.net</span>');
      expect(page).toContain('DKIM: Missing');
      expect(await (await agent.get(`/accounts/${consumer.id}/settings`)).text()).not.toContain('Sender authentication');
    } finally {
      await t.close();
    }
  });

  it('looks for the DKIM key at the selector the user names on the account', async () => {
    const t = await createTestApp({ env: { DNS_SERVERS: dns.server } });
    try {
      const { agent, user } = await signedInAgent(t, 'owner@own-selector.example.net');
      const own = await addTestAccount(t, user.id, 'ann@own-selector.example.net');
      const dkim = async () => gmailAccountSchema.parse(await (await agent.get(`/api/accounts/${own.id}`)).json()).domainAuth?.dkim;
      // At Google's default selector there is nothing, and the reason says how to name another.
      expect(await dkim()).toMatchObject({ status: 'missing', reason: expect.stringContaining('set it on the account') });

      expect((await agent.patch(`/api/accounts/${own.id}`, { dkimSelector: 'Mail2026' })).status).toBe(200);
      expect(await dkim()).toMatchObject({ status: 'pass', reason: 'A DKIM key is published at mail2026._domainkey.own-selector.example.net.' });

      const refused = await agent.patch(`/api/accounts/${own.id}`, { dkimSelector: 'bad selector.' });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain('dkimSelector');

      // null goes back to Google's default.
      expect((await agent.patch(`/api/accounts/${own.id}`, { dkimSelector: null })).status).toBe(200);
      expect((await dkim())?.status).toBe('missing');
    } finally {
      await t.close();
    }
  });
});
