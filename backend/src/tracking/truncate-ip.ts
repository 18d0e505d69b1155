/**
 * The privacy setting "keep only a truncated IP address": an IPv4 address keeps its /24 network
 * (`203.0.113.77` → `203.0.113.0`), an IPv6 address its /48 (`2001:db8:abcd:12::1` →
 * `2001:db8:abcd::`). That still says roughly where a click came from (an ISP, a company) without
 * naming the machine; /24 and /48 are the usual anonymisation prefixes (Google Analytics, Matomo).
 *
 * Anything that does not parse as an address gives null: when the setting is on, a string we cannot
 * truncate is not stored at all.
 *
 * @example truncateIpAddress('::ffff:198.51.100.9') // '198.51.100.0' (an IPv4 client on a dual-stack socket)
 */
export function truncateIpAddress(address: string): string | null {
  const trimmed = address.trim();
  const ipv4 = parseIpv4(trimmed);
  if (ipv4) return `${ipv4[0]}.${ipv4[1]}.${ipv4[2]}.0`;
  // Node's dual-stack sockets report IPv4 peers as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2).
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  if (mapped) return truncateIpAddress(mapped[1]!);
  const groups = parseIpv6(trimmed);
  if (!groups) return null;
  return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::`;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    octets.push(n);
  }
  return octets;
}

/** The eight 16-bit groups of an IPv6 address (with `::`, an embedded IPv4 tail, a zone id), or null. */
function parseIpv6(input: string): number[] | null {
  const s = input.split('%')[0]!; // zone id (fe80::1%eth0) names an interface, not part of the address
  if (!s.includes(':')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parseSide = (side: string): number[] | null => {
    if (side === '') return [];
    const out: number[] = [];
    const parts = side.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
        out.push(parseInt(part, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = parseSide(halves[0]!);
  const tail = halves.length === 2 ? parseSide(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}
