/**
 * List hygiene in the preflight (backend/src/campaigns/list-hygiene.ts): 50,000 recipients over 500
 * domains against a loopback DNS server (backend/src/testing/loopback-dns-server.ts), cold (every
 * domain looked up once) and warm (the per-domain cache answers), and with no DNS server reachable
 * (every lookup `unknown` at once). Run: node_modules/.bin/tsx bench/preflight-hygiene.ts. Always exits 0.
 */

import { listHygiene } from '../backend/src/campaigns/list-hygiene';
import { appDnsResolver } from '../backend/src/dns/create-dns';
import { nodeDnsResolver } from '../backend/src/dns/node-resolver';
import { startLoopbackDns, type LoopbackZone } from '../backend/src/testing/loopback-dns-server';

const RECIPIENTS = 50_000;
const DOMAINS = 500;
/** The preflight's own DNS budget is 3 s; the whole check should stay well inside one second warm. */
const TARGET_WARM_MS = 1_000;

const zones: Record<string, LoopbackZone> = {};
for (let d = 0; d < DOMAINS; d++) {
  // Every tenth domain receives no mail (no MX, no address); the rest have an MX.
  zones[`company${d}.example.net`] = d % 10 === 0 ? {} : { mx: [{ priority: 10, exchange: `mx.company${d}.example.net` }] };
}
const locals = ['ann', 'bob', 'info', 'cy', 'dee', 'sales', 'eve', 'fay', 'gus', 'hal'];
// Two in ten recipients are role addresses (info@, sales@), the others people.
const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({ email: `${locals[i % locals.length]}${i % 10 === 2 || i % 10 === 5 ? '' : i}@company${i % DOMAINS}.example.net` }));
recipients[7] = { email: 'zed@gmial.com' };
recipients[8] = { email: 'tmp@mailinator.com' };

const dns = await startLoopbackDns(zones);
try {
  const resolver = { dns: appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers: [dns.server] })) };
  const time = async (label: string, run: () => Promise<unknown>) => {
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    console.log(`${label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms`);
    return { ms, result };
  };
  const cold = await time(`cold (${DOMAINS} domains looked up)`, () => listHygiene(resolver, recipients));
  const warm = await time('warm (cached answers)', () => listHygiene(resolver, recipients));
  const unreachable = { dns: appDnsResolver({ servers: [], overHttpsUrl: undefined }, nodeDnsResolver({ servers: ['127.0.0.1:9'] })) };
  await time('no DNS server reachable', () => listHygiene(unreachable, recipients));
  console.log(`DNS questions asked: ${dns.queries.length} for ${RECIPIENTS.toLocaleString('en')} recipients`);
  console.log('counts:', JSON.stringify(Object.fromEntries(Object.entries(cold.result as Record<string, { count: number }>).map(([k, v]) => [k, v.count]))));
  console.log(warm.ms <= TARGET_WARM_MS ? `warm within ${TARGET_WARM_MS} ms: ok` : `warm above ${TARGET_WARM_MS} ms: SLOW`);
} finally {
  await dns.close();
}
