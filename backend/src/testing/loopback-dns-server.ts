import * as dnsPacket from 'dns-packet';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REACHABILITY_PROBE } from '../dns/reachability';

/** What one name holds. TXT: each record's character-strings (one string per record is the common case). */
export type LoopbackZone = { txt?: (string | string[])[]; mx?: { priority: number; exchange: string }[]; a?: string[]; aaaa?: string[] };

/**
 * A DNS server on 127.0.0.1 for tests: UDP (for `DNS_SERVERS`) and DNS over HTTPS (for
 * `DNS_OVER_HTTPS_URL`), answering from `zones`; any other name is NXDOMAIN. gmail.com has MX
 * records unless the test says otherwise, as the resolver's reachability probe expects.
 *
 * @example const dns = await startLoopbackDns({ 'acme.test': { mx: [{ priority: 10, exchange: 'mx.acme.test' }] } })
 */
export async function startLoopbackDns(zones: Record<string, LoopbackZone>) {
  const all: Record<string, LoopbackZone> = { [REACHABILITY_PROBE]: { mx: [{ priority: 5, exchange: 'gmail-smtp-in.l.google.com' }] }, ...zones };
  const queries: string[] = [];
  const answer = (request: Buffer): Buffer => {
    const query = dnsPacket.decode(request);
    const question = query.questions?.[0];
    const name = question?.name.toLowerCase() ?? '';
    queries.push(`${question?.type} ${name}`);
    const zone = Object.hasOwn(all, name) ? all[name] : undefined;
    const answers: dnsPacket.Answer[] = [];
    if (zone && question) {
      if (question.type === 'TXT') for (const txt of zone.txt ?? []) answers.push({ type: 'TXT', name, ttl: 60, data: txt });
      if (question.type === 'MX') for (const mx of zone.mx ?? []) answers.push({ type: 'MX', name, ttl: 60, data: { preference: mx.priority, exchange: mx.exchange } });
      if (question.type === 'A') for (const a of zone.a ?? []) answers.push({ type: 'A', name, ttl: 60, data: a });
      if (question.type === 'AAAA') for (const aaaa of zone.aaaa ?? []) answers.push({ type: 'AAAA', name, ttl: 60, data: aaaa });
    }
    // RFC 1035 §4.1.1: RCODE 3 (NXDOMAIN) for a name that does not exist; the low 4 bits of the flags.
    const flags = dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | (zone ? 0 : 3);
    return dnsPacket.encode({ type: 'response', id: query.id, flags, questions: query.questions, answers });
  };

  const udp = createSocket('udp4');
  udp.on('message', (message, peer) => udp.send(answer(message), peer.port, peer.address));
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/dns-message' });
      res.end(answer(Buffer.concat(chunks)));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  return {
    /** For DNS_SERVERS. */
    server: `127.0.0.1:${udp.address().port}`,
    /** For DNS_OVER_HTTPS_URL. */
    dohUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/dns-query`,
    /** Every question asked, as 'TYPE name'. */
    queries,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
