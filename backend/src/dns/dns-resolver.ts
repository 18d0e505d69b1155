/**
 * What the backend asks of DNS, the same on Node (`node-resolver.ts`) and Workers (`doh-resolver.ts`).
 * An answer is never an exception: a lookup that cannot be made (no network, a timeout, a server
 * failure) is `unknown`, so a sandbox without network or a flaky resolver never fails a request.
 */
export type DnsAnswer<T> =
  | { status: 'found'; records: T[] }
  /** NXDOMAIN or no record of that type (NODATA): the name positively has none. */
  | { status: 'none' }
  | { status: 'unknown'; reason: string };

/** RFC 7505: a "null MX" is a single record `0 .`, whose exchange we receive as '' (or '.'). */
export type MxRecord = { exchange: string; priority: number };

export type DnsResolver = {
  /** TXT records, each one's character-strings joined (RFC 7208 §3.3 and RFC 6376 §3.6.2.2 join them). */
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  /** A, else AAAA records (RFC 5321 §5.1: a domain with an address but no MX still receives mail). */
  address(name: string): Promise<DnsAnswer<string>>;
};

/** How long one lookup may take: a slow resolver must not hold a request (or a preflight) for long. */
export const DNS_LOOKUP_TIMEOUT_MS = 2000;

export type RecordType = 'txt' | 'mx' | 'address';

/**
 * Rejects never: resolves to `unknown` when `lookup` has not answered within `ms`.
 *
 * @example await withDeadline(resolver.resolveTxt(name).then(found), 2000)
 */
export async function withDeadline<T>(lookup: Promise<DnsAnswer<T>>, ms: number): Promise<DnsAnswer<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<DnsAnswer<T>>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'unknown', reason: 'the DNS server did not answer in time' }), ms);
  });
  try {
    return await Promise.race([lookup.catch((error: unknown) => unknownFrom(error)), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function unknownFrom(error: unknown): { status: 'unknown'; reason: string } {
  const code = (error as { code?: unknown })?.code;
  return { status: 'unknown', reason: `DNS lookup failed${typeof code === 'string' ? ` (${code})` : ''}` };
}

/** An answer for every lookup when no resolver is configured at all. */
export const noDns: DnsResolver = {
  txt: async () => ({ status: 'unknown', reason: 'no DNS resolver configured' }),
  mx: async () => ({ status: 'unknown', reason: 'no DNS resolver configured' }),
  address: async () => ({ status: 'unknown', reason: 'no DNS resolver configured' }),
};
