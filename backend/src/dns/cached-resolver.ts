import type { DnsAnswer, DnsResolver, RecordType } from './dns-resolver';

/** Answers are kept this long: domains change their records rarely, and a preflight repeats lookups. */
const ANSWER_TTL_MS = 10 * 60_000;
/** A failure is retried sooner: the network may come back. */
const UNKNOWN_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

/**
 * Caches every answer per record type and name (lower-cased), and shares a lookup still in flight,
 * so 50,000 recipients over 500 domains make 500 lookups, once. Bounded: the oldest entries go first.
 *
 * @example const dns = cachedResolver(nodeDnsResolver({ servers: [] }), () => Date.now())
 */
export function cachedResolver(inner: DnsResolver, now: () => number): DnsResolver {
  const entries = new Map<string, { expires: number; answer: Promise<DnsAnswer<unknown>> }>();
  const lookup = <T>(type: RecordType, name: string, ask: () => Promise<DnsAnswer<T>>): Promise<DnsAnswer<T>> => {
    const key = `${type}:${name.toLowerCase()}`;
    const cached = entries.get(key);
    if (cached && cached.expires > now()) return cached.answer as Promise<DnsAnswer<T>>;
    entries.delete(key);
    const answer = ask();
    entries.set(key, { expires: Number.POSITIVE_INFINITY, answer });
    void answer.then((settled) => {
      const entry = entries.get(key);
      if (entry?.answer === answer) entry.expires = now() + (settled.status === 'unknown' ? UNKNOWN_TTL_MS : ANSWER_TTL_MS);
    });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return answer;
  };
  return {
    txt: (name) => lookup('txt', name, () => inner.txt(name)),
    mx: (name) => lookup('mx', name, () => inner.mx(name)),
    address: (name) => lookup('address', name, () => inner.address(name)),
  };
}
