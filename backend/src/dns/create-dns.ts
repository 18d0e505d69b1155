import type { Config } from '../config/config';
import { cachedResolver } from './cached-resolver';
import type { DnsResolver } from './dns-resolver';
import { dohResolver } from './doh-resolver';
import { reachableResolver } from './reachability';

/** Where a Worker asks when DNS_OVER_HTTPS_URL is not set: Cloudflare's resolver, next door to it. */
export const DEFAULT_DNS_OVER_HTTPS_URL = 'https://cloudflare-dns.com/dns-query';

/**
 * The app's resolver: DNS over HTTPS when DNS_OVER_HTTPS_URL is set, else the runtime's own
 * transport (Node passes `nodeDnsResolver`), else DoH to Cloudflare (Workers have no UDP). Cached per
 * name, and `unknown` throughout while the transport cannot see the real DNS.
 *
 * @example const dns = appDnsResolver(config.dns, nodeDnsResolver({ servers: config.dns.servers }))
 */
export function appDnsResolver(config: Config['dns'], runtimeTransport?: DnsResolver, now: () => number = Date.now): DnsResolver {
  const transport = config.overHttpsUrl
    ? dohResolver({ url: config.overHttpsUrl })
    : (runtimeTransport ?? dohResolver({ url: DEFAULT_DNS_OVER_HTTPS_URL }));
  return reachableResolver(cachedResolver(transport, now), now);
}
