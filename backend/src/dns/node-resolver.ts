import { Resolver } from 'node:dns/promises';
import { DNS_LOOKUP_TIMEOUT_MS, unknownFrom, withDeadline, type DnsAnswer, type DnsResolver } from './dns-resolver';

/** c-ares codes that mean "the name has no such record", as opposed to "we could not ask". */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND']);

/**
 * DNS through `node:dns/promises`, asking `servers` (DNS_SERVERS, e.g. `127.0.0.1:5353`) or the
 * system's resolvers when empty. One try per lookup, bounded by DNS_LOOKUP_TIMEOUT_MS.
 *
 * @example const dns = nodeDnsResolver({ servers: ['127.0.0.1:5353'] })
 */
export function nodeDnsResolver(options: { servers: string[]; timeoutMs?: number }): DnsResolver {
  const timeoutMs = options.timeoutMs ?? DNS_LOOKUP_TIMEOUT_MS;
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (options.servers.length > 0) resolver.setServers(options.servers);
  const ask = <T>(lookup: () => Promise<T[]>): Promise<DnsAnswer<T>> =>
    withDeadline(
      lookup().then(
        (records): DnsAnswer<T> => (records.length > 0 ? { status: 'found', records } : { status: 'none' }),
        (error: unknown): DnsAnswer<T> => (NO_RECORD.has(String((error as { code?: unknown }).code)) ? { status: 'none' } : unknownFrom(error)),
      ),
      timeoutMs,
    );
  return {
    txt: (name) => ask(async () => (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))),
    mx: (name) => ask(() => resolver.resolveMx(name)),
    address: async (name) => {
      const v4 = await ask(() => resolver.resolve4(name));
      return v4.status === 'none' ? ask(() => resolver.resolve6(name)) : v4;
    },
  };
}
