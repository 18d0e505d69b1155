import * as dnsPacket from 'dns-packet';
import { Buffer } from 'node:buffer';
import { DNS_LOOKUP_TIMEOUT_MS, unknownFrom, withDeadline, type DnsAnswer, type DnsResolver, type MxRecord } from './dns-resolver';

/**
 * DNS over HTTPS (RFC 8484: POST application/dns-message), for Workers, which have no UDP socket.
 * `url` is DNS_OVER_HTTPS_URL, e.g. https://cloudflare-dns.com/dns-query.
 *
 * @example const dns = dohResolver({ url: 'https://cloudflare-dns.com/dns-query' })
 */
export function dohResolver(options: { url: string; timeoutMs?: number; fetch?: typeof fetch }): DnsResolver {
  const timeoutMs = options.timeoutMs ?? DNS_LOOKUP_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;
  const query = async (name: string, type: 'TXT' | 'MX' | 'A' | 'AAAA'): Promise<DnsAnswer<unknown>> => {
    // RFC 8484 §4.1: id 0 for cache friendliness; RD set so the server recurses for us.
    const body = dnsPacket.encode({ type: 'query', id: 0, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/dns-message', accept: 'application/dns-message' },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { status: 'unknown', reason: `the DNS-over-HTTPS server answered ${response.status}` };
    const packet = dnsPacket.decode(Buffer.from(await response.arrayBuffer()));
    const rcode = (packet as { rcode?: string }).rcode;
    if (rcode === 'NXDOMAIN') return { status: 'none' };
    if (rcode && rcode !== 'NOERROR') return { status: 'unknown', reason: `the DNS server answered ${rcode}` };
    const records = (packet.answers ?? []).filter((answer) => answer.type === type).map((answer) => (answer as { data: unknown }).data);
    return records.length > 0 ? { status: 'found', records } : { status: 'none' };
  };
  const ask = <T>(name: string, type: 'TXT' | 'MX' | 'A' | 'AAAA', pick: (data: unknown) => T): Promise<DnsAnswer<T>> =>
    withDeadline(
      query(name, type).then((answer) => (answer.status === 'found' ? { status: 'found', records: answer.records.map(pick) } : answer), unknownFrom),
      timeoutMs,
    );
  return {
    txt: (name) => ask(name, 'TXT', txtText),
    mx: (name) => ask(name, 'MX', mxRecord),
    address: async (name) => {
      const v4 = await ask(name, 'A', String);
      return v4.status === 'none' ? ask(name, 'AAAA', String) : v4;
    },
  };
}

function txtText(data: unknown): string {
  const chunks = Array.isArray(data) ? data : [data];
  return chunks.map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))).join('');
}

function mxRecord(data: unknown): MxRecord {
  const mx = data as { preference?: number; exchange?: string };
  return { priority: mx.preference ?? 0, exchange: mx.exchange ?? '' };
}
