import type { DnsResolver } from './dns-resolver';

/** A name that always has MX records: if the resolver cannot find them, it cannot see the internet. */
export const REACHABILITY_PROBE = 'gmail.com';
const VERDICT_TTL_MS = 60_000;

/**
 * Asks the resolver once (a minute at most) whether it sees the real DNS, before trusting a `none`.
 * A sandbox's resolver may answer NXDOMAIN for every name (this project's build machine does): taken
 * at its word, every recipient's domain would "receive no mail". Unreachable -> every lookup `unknown`.
 *
 * @example const dns = reachableResolver(cachedResolver(inner, Date.now), Date.now)
 */
export function reachableResolver(inner: DnsResolver, now: () => number): DnsResolver {
  let verdict: { until: number; reachable: Promise<boolean> } | undefined;
  const reachable = (): Promise<boolean> => {
    if (!verdict || verdict.until <= now()) {
      const probe = inner.mx(REACHABILITY_PROBE).then((answer) => answer.status === 'found');
      verdict = { until: now() + VERDICT_TTL_MS, reachable: probe };
    }
    return verdict.reachable;
  };
  const unreachable = { status: 'unknown' as const, reason: 'DNS cannot be reached from this server' };
  return {
    txt: async (name) => ((await reachable()) ? inner.txt(name) : unreachable),
    mx: async (name) => ((await reachable()) ? inner.mx(name) : unreachable),
    address: async (name) => ((await reachable()) ? inner.address(name) : unreachable),
  };
}
