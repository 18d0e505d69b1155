import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDnsResolver } from '../dns/create-dns';
import { nodeDnsResolver } from '../dns/node-resolver';
import { startLoopbackDns } from '../testing/loopback-dns-server';
import { listHygiene } from './list-hygiene';

let dns: Awaited<ReturnType<typeof startLoopbackDns>>;
beforeAll(async () => {
  dns = await startLoopbackDns({
    'acme.example.net': { mx: [{ priority: 10, exchange: 'mx.acme.example.net' }] },
    'web-only.example.net': { a: ['192.0.2.1'] },
    'parked.example.net': { mx: [{ priority: 0, exchange: '.' }], a: ['192.0.2.2'] },
    'empty.example.net': {},
  });
});
afterAll(() => dns.close());

const resolver = (servers: string[]) => ({ dns: appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers })) });
const emails = (...list: string[]) => list.map((email) => ({ email }));

describe('list hygiene before launch', () => {
  it('counts each kind, with examples', async () => {
    const hygiene = await listHygiene(
      resolver([dns.server]),
      emails(
        'ann@acme.example.net',
        'bob@web-only.example.net',
        'cat@parked.example.net',
        'dan@empty.example.net',
        'eve@nowhere.example.net',
        'fay@shop.test',
        'gus@mailinator.com',
        'info@acme.example.net',
        'No-Reply@acme.example.net',
        'hal@gmial.com',
        'ivy@hotmial.com',
        'jo@example.com',
      ),
    );
    expect(hygiene.noMailDomain.count).toBe(5);
    expect(hygiene.noMailDomain.examples).toEqual(['fay@shop.test', 'jo@example.com', 'cat@parked.example.net']);
    expect(hygiene.disposable).toEqual({ count: 1, examples: ['gus@mailinator.com'] });
    expect(hygiene.role).toEqual({ count: 2, examples: ['info@acme.example.net', 'No-Reply@acme.example.net'] });
    expect(hygiene.typo).toEqual({ count: 2, examples: ['hal@gmial.com -> gmail.com', 'ivy@hotmial.com -> hotmail.com'] });
    expect(hygiene.unknown.count).toBe(0);
  });

  it('looks each domain up once, however many recipients share it', async () => {
    const before = dns.queries.length;
    await listHygiene(resolver([dns.server]), Array.from({ length: 200 }, (_, i) => ({ email: `r${i}@acme.example.net` })));
    expect(dns.queries.slice(before).filter((q) => q.endsWith('acme.example.net'))).toEqual(['MX acme.example.net']);
  });

  it('says unknown, not "no mail", when DNS cannot be reached, and still sorts what needs no DNS', async () => {
    const hygiene = await listHygiene(resolver(['127.0.0.1:9']), emails('ann@acme.example.net', 'fay@shop.test', 'sales@acme.example.net'));
    expect(hygiene.unknown).toEqual({ count: 1, examples: ['ann@acme.example.net'] });
    expect(hygiene.noMailDomain.count).toBe(1);
    expect(hygiene.role.count).toBe(1);
  });

  it('never asks DNS about the big providers, so a list of gmail.com addresses is fine without DNS', async () => {
    const before = dns.queries.length;
    const hygiene = await listHygiene(resolver(['127.0.0.1:9']), emails('ann@gmail.com', 'bob@outlook.com', 'cy@yahoo.com'));
    expect(Object.values(hygiene).map((kind) => kind.count)).toEqual([0, 0, 0, 0, 0]);
    expect(dns.queries.length).toBe(before);
  });
});
