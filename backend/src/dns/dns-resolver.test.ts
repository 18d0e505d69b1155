import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackDns } from '../testing/loopback-dns-server';
import { appDnsResolver } from './create-dns';
import { dohResolver } from './doh-resolver';
import { nodeDnsResolver } from './node-resolver';

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
beforeAll(async () => {
  dns = await startLoopbackDns({
    'acme.example.net': { txt: [['v=spf1 include:_spf.google.com', ' ~all']], mx: [{ priority: 10, exchange: 'mx.acme.example.net' }] },
    'web-only.example.net': { a: ['192.0.2.7'] },
  });
});
afterAll(() => dns.close());

describe.each([
  ['UDP (DNS_SERVERS)', () => nodeDnsResolver({ servers: [dns.server] })],
  ['DNS over HTTPS', () => dohResolver({ url: dns.dohUrl })],
])('%s', (_, make) => {
  it('finds TXT records, joining their strings', async () => {
    expect(await make().txt('acme.example.net')).toEqual({ status: 'found', records: ['v=spf1 include:_spf.google.com ~all'] });
  });
  it('finds MX records and addresses', async () => {
    expect(await make().mx('acme.example.net')).toEqual({ status: 'found', records: [{ priority: 10, exchange: 'mx.acme.example.net' }] });
    expect(await make().address('web-only.example.net')).toEqual({ status: 'found', records: ['192.0.2.7'] });
  });
  it('says a name that does not exist has none', async () => {
    expect((await make().mx('nowhere.example.net')).status).toBe('none');
    expect((await make().txt('web-only.example.net')).status).toBe('none');
  });
});

describe('the app resolver', () => {
  it('is unknown, not a failure, when no DNS server answers', async () => {
    // The discard port on loopback: nothing listens, the lookup is refused at once.
    const resolver = appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers: ['127.0.0.1:9'] }));
    expect((await resolver.txt('acme.example.net')).status).toBe('unknown');
  });

  it('asks once per name and type', async () => {
    const resolver = appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers: [dns.server] }));
    const before = dns.queries.filter((q) => q === 'MX acme.example.net').length;
    await Promise.all([resolver.mx('acme.example.net'), resolver.mx('ACME.example.net'), resolver.mx('acme.example.net')]);
    expect(dns.queries.filter((q) => q === 'MX acme.example.net').length - before).toBe(1);
  });

  it('asks the DNS-over-HTTPS server when DNS_OVER_HTTPS_URL is set', async () => {
    const resolver = appDnsResolver({ servers: [], overHttpsUrl: dns.dohUrl }, nodeDnsResolver({ servers: ['127.0.0.1:9'] }));
    expect((await resolver.mx('acme.example.net')).status).toBe('found');
  });

  it('trusts no "none" from a resolver that cannot see the real DNS', async () => {
    const isolated = await startLoopbackDns({ 'gmail.com': {} });
    try {
      const resolver = appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers: [isolated.server] }));
      expect(await resolver.mx('acme.example.net')).toEqual({ status: 'unknown', reason: 'DNS cannot be reached from this server' });
    } finally {
      await isolated.close();
    }
  });
});
