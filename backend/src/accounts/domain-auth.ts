import type { DomainAuth, DomainAuthCheck } from '../../../shared/schemas/accounts';
import type { DnsResolver } from '../dns/dns-resolver';

/** Google signs and authorises mail from its consumer domains itself: nothing for the user to add. */
const GOOGLE_CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** The selector Google Workspace uses unless the admin picks another (support.google.com/a/answer/174124). */
export const GOOGLE_DKIM_SELECTOR = 'google';

/**
 * Checks that the account's own domain authenticates mail Gmail sends for it: SPF authorising
 * Google, a DKIM key at Google's selector, and a DMARC record. Google's sender guidelines
 * (support.google.com/a/answer/81126, via the Twilio summary in the stored docs) require SPF and DKIM
 * for every sender and DMARC for bulk senders; since November 2025 Gmail rejects mail that fails them.
 * null for gmail.com / googlemail.com accounts. Never throws: DNS that cannot be reached is `unknown`.
 *
 * @example await checkDomainAuth({ dns: deps.dns, clock: deps.clock }, 'ann@acme.com')
 */
export async function checkDomainAuth(deps: { dns: DnsResolver; clock: { now(): Date } }, email: string, selector = GOOGLE_DKIM_SELECTOR): Promise<DomainAuth | null> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (!domain || GOOGLE_CONSUMER_DOMAINS.has(domain)) return null;
  const [spf, dkim, dmarc] = await Promise.all([checkSpf(deps.dns, domain), checkDkim(deps.dns, domain, selector), checkDmarc(deps.dns, domain)]);
  return { domain, spf, dkim, dmarc, checkedAt: deps.clock.now().toISOString() };
}

const SPF_TO_ADD = (domain: string) => `Add a TXT record at ${domain}: v=spf1 include:_spf.google.com ~all`;

/** SPF (RFC 7208), as Google asks: support.google.com/a/answer/33786. */
async function checkSpf(dns: DnsResolver, domain: string): Promise<DomainAuthCheck> {
  const answer = await dns.txt(domain);
  if (answer.status === 'unknown') return { status: 'unknown', reason: `Could not look up ${domain}: ${answer.reason}.` };
  // RFC 7208 §4.5: a record is SPF when it starts with "v=spf1" followed by a space or nothing.
  const records = answer.status === 'found' ? answer.records.filter((text) => /^v=spf1(\s|$)/i.test(text.trim())) : [];
  if (records.length === 0) return { status: 'missing', reason: `${domain} has no SPF record. ${SPF_TO_ADD(domain)}` };
  // RFC 7208 §4.5: more than one SPF record is a permanent error; receivers then treat mail as failing.
  if (records.length > 1) return { status: 'invalid', reason: `${domain} has ${records.length} SPF records; receivers ignore them all. Merge them into one that includes _spf.google.com.` };
  const terms = records[0]!.trim().split(/\s+/).map((term) => term.toLowerCase());
  const authorisesGoogle = terms.some((term) => /^[+~?]?include:_spf\.google\.com$/.test(term) || term === 'redirect=_spf.google.com');
  if (!authorisesGoogle) return { status: 'invalid', reason: `The SPF record of ${domain} does not authorise Google's servers. Add include:_spf.google.com before its "all".` };
  return { status: 'pass', reason: `SPF authorises Google (include:_spf.google.com).` };
}

/** DKIM (RFC 6376) at `<selector>._domainkey.<domain>`: support.google.com/a/answer/174124. */
async function checkDkim(dns: DnsResolver, domain: string, selector: string): Promise<DomainAuthCheck> {
  const name = `${selector}._domainkey.${domain}`;
  const answer = await dns.txt(name);
  if (answer.status === 'unknown') return { status: 'unknown', reason: `Could not look up ${name}: ${answer.reason}.` };
  const tags = answer.status === 'found' ? answer.records.map(parseTags).filter((t) => t.get('v') === 'DKIM1' || t.has('p')) : [];
  if (tags.length === 0) {
    return { status: 'missing', reason: `No DKIM key at ${name}${selector === GOOGLE_DKIM_SELECTOR ? " (Google's default selector; if you chose another in the Admin console, set it on the account: PATCH /api/accounts/:id {\"dkimSelector\": \"…\"})" : ''}. In the Google Admin console (Apps > Google Workspace > Gmail > Authenticate email), generate a key and add the TXT record it shows at ${name}, then start authentication.` };
  }
  // RFC 6376 §3.6.1: an empty p= means the key was revoked.
  if (!tags[0]!.get('p')) return { status: 'invalid', reason: `The DKIM record at ${name} has no public key (p= is empty: revoked). Generate a new key in the Google Admin console.` };
  return { status: 'pass', reason: `A DKIM key is published at ${name}.` };
}

/** DMARC (RFC 7489) at `_dmarc.<domain>`: support.google.com/a/answer/2466580. */
async function checkDmarc(dns: DnsResolver, domain: string): Promise<DomainAuthCheck> {
  const name = `_dmarc.${domain}`;
  const answer = await dns.txt(name);
  if (answer.status === 'unknown') return { status: 'unknown', reason: `Could not look up ${name}: ${answer.reason}.` };
  const records = answer.status === 'found' ? answer.records.filter((text) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim())) : [];
  if (records.length === 0) return { status: 'missing', reason: `${domain} has no DMARC record. Add a TXT record at ${name}: v=DMARC1; p=none; rua=mailto:dmarc@${domain}` };
  // RFC 7489 §6.6.3: several DMARC records mean no policy applies.
  if (records.length > 1) return { status: 'invalid', reason: `${name} has ${records.length} DMARC records; receivers ignore them all. Keep one.` };
  const policy = parseTags(records[0]!).get('p');
  if (!policy || !['none', 'quarantine', 'reject'].includes(policy.toLowerCase())) {
    return { status: 'invalid', reason: `The DMARC record at ${name} has no valid policy (p=none, quarantine or reject).` };
  }
  return { status: 'pass', reason: `DMARC is published (p=${policy.toLowerCase()}).` };
}

/** "k=v; k2=v2" tag lists, as DKIM and DMARC records write them. */
function parseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) tags.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  // Tag values compare as written except v=, which we normalise for the checks above.
  const v = tags.get('v');
  if (v) tags.set('v', v.toUpperCase());
  return tags;
}
