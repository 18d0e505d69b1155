import { run as suggestEmail, POPULAR_DOMAINS } from '@zootools/email-spell-checker';
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import type { ListHygiene, ListHygieneKind } from '../../../shared/schemas/launch';
import type { DnsResolver } from '../dns/dns-resolver';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';

/** Addresses judged between two yields to the event loop. */
const YIELD_EVERY = 2_000;

/**
 * RFC 2606 / RFC 6761 reserve these top-level names: no mail is ever delivered there. The
 * example.com/net/org domains (RFC 2606 §3) publish a null MX (RFC 7505) for the same reason.
 */
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost']);
const RESERVED_DOMAINS = new Set(['example.com', 'example.net', 'example.org']);

/**
 * Addresses of a function, not a person (RFC 2142 names several): a message to them is often read by
 * nobody or by a ticket system, and they complain more. A warning, not an error.
 */
const ROLE_LOCAL_PARTS = new Set([
  'info', 'sales', 'support', 'admin', 'administrator', 'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'postmaster',
  'abuse', 'hostmaster', 'webmaster', 'security', 'contact', 'hello', 'office', 'marketing', 'billing', 'help', 'team', 'jobs', 'careers', 'privacy',
]);

/** The big providers whose typos we recognise: the spell checker's popular domains, plus the big ones it leaves out. */
const BIG_PROVIDERS = new Set([
  ...POPULAR_DOMAINS,
  ...['hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.co.uk', 'hotmail.fr', 'gmx.de', 'gmx.net', 'orange.fr', 'free.fr', 't-online.de', 'mail.ru'],
]);
const PROVIDER_LIST = [...BIG_PROVIDERS];

/**
 * Disposable domains from `disposable-email-domains-js`: maintained (monthly releases), generated from
 * the community disposable-email-domains list that most sign-up forms use. Loaded once, on first use.
 */
let disposable: Set<string> | undefined;
const isDisposable = (domain: string) => (disposable ??= disposableEmailBlocklistSet()).has(domain);

export const LIST_HYGIENE_KINDS = ['noMailDomain', 'disposable', 'role', 'typo', 'unknown'] as const satisfies readonly ListHygieneKind[];
const EXAMPLES = 3;

/** Bounds for one preflight: 50,000 recipients over thousands of domains must not hold the request. */
export type HygieneBudget = { concurrency: number; totalMs: number };
export const DEFAULT_HYGIENE_BUDGET: HygieneBudget = { concurrency: 16, totalMs: 3000 };

/**
 * Sorts addresses into what will likely not reach a person. Each address is counted once, under the
 * first kind that applies: a reserved domain, a typo of a big provider, a disposable domain, a role
 * address, then (one DNS lookup per distinct domain) a domain with no MX and no address or a null
 * MX (RFC 5321 §5.1, RFC 7505), or `unknown` when DNS could not tell within the budget.
 *
 * @example const kinds = await classifyAddresses({ dns: deps.dns }, ['ann@gmial.com'])
 */
export async function classifyAddresses<T extends { email: string }>(
  deps: { dns: DnsResolver },
  items: T[],
  budget: HygieneBudget = DEFAULT_HYGIENE_BUDGET,
): Promise<Map<T, { kind: ListHygieneKind; example: string }>> {
  const result = new Map<T, { kind: ListHygieneKind; example: string }>();
  const needDns = new Map<string, T[]>();
  // The typo and disposable rules depend on the domain only: judged once per distinct domain.
  const byDomain = new Map<string, { typo: string | undefined; disposable: boolean }>();
  for (const [index, item] of items.entries()) {
    // A preflight over 100,000 recipients: let other requests in between (issue 17, nothing blocks the event loop).
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const email = item.email.trim().toLowerCase();
    const at = email.lastIndexOf('@');
    const local = email.slice(0, at);
    const domain = email.slice(at + 1);
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (RESERVED_TLDS.has(tld) || RESERVED_DOMAINS.has(domain)) {
      result.set(item, { kind: 'noMailDomain', example: item.email });
      continue;
    }
    // Typos first: squatters register them as throwaway domains (gmial.com is on the disposable list), and the fix is what helps.
    let judged = byDomain.get(domain);
    if (!judged) byDomain.set(domain, (judged = { typo: typoOf(domain), disposable: isDisposable(domain) }));
    if (judged.typo) result.set(item, { kind: 'typo', example: `${item.email} -> ${judged.typo}` });
    else if (judged.disposable) result.set(item, { kind: 'disposable', example: item.email });
    else if (ROLE_LOCAL_PARTS.has(local.split('+')[0]!)) result.set(item, { kind: 'role', example: item.email });
    // The big providers receive mail: no lookup (without DNS a list of gmail.com addresses would all be "could not be checked").
    else if (BIG_PROVIDERS.has(domain)) continue;
    else {
      const group = needDns.get(domain);
      if (group) group.push(item);
      else needDns.set(domain, [item]);
    }
  }
  const verdicts = await receivesMail(deps.dns, [...needDns.keys()], budget);
  for (const [domain, group] of needDns) {
    const verdict = verdicts.get(domain) ?? 'unknown';
    if (verdict === 'yes') continue;
    for (const item of group) result.set(item, { kind: verdict === 'no' ? 'noMailDomain' : 'unknown', example: item.email });
  }
  return result;
}

/**
 * The preflight's counts: each kind's number of addresses and up to three examples.
 *
 * @example const hygiene = await listHygiene({ dns: deps.dns }, recipients)
 */
export async function listHygiene(deps: { dns: DnsResolver }, items: { email: string }[], budget?: HygieneBudget): Promise<ListHygiene> {
  const hygiene = Object.fromEntries(LIST_HYGIENE_KINDS.map((kind) => [kind, { count: 0, examples: [] as string[] }])) as ListHygiene;
  for (const { kind, example } of (await classifyAddresses(deps, items, budget)).values()) {
    hygiene[kind].count++;
    if (hygiene[kind].examples.length < EXAMPLES) hygiene[kind].examples.push(example);
  }
  return hygiene;
}

/** A big provider's name mistyped (gmial.com -> gmail.com); never a suggestion towards a small domain. */
function typoOf(domain: string): string | undefined {
  if (BIG_PROVIDERS.has(domain)) return undefined;
  const suggestion = suggestEmail({ email: `x@${domain}`, domains: PROVIDER_LIST });
  return suggestion && BIG_PROVIDERS.has(suggestion.domain) && suggestion.domain !== domain ? suggestion.domain : undefined;
}

/**
 * Whether each domain accepts mail, asking at most `concurrency` at once and nothing after
 * `totalMs`: what is not answered by then is 'unknown'.
 */
async function receivesMail(dns: DnsResolver, domains: string[], budget: HygieneBudget): Promise<Map<string, 'yes' | 'no' | 'unknown'>> {
  const verdicts = new Map<string, 'yes' | 'no' | 'unknown'>();
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outOfTime = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budget.totalMs);
  });
  let expired = false;
  void outOfTime.then(() => (expired = true));
  const worker = async () => {
    while (!expired && next < domains.length) {
      const domain = domains[next++]!;
      verdicts.set(domain, await domainVerdict(dns, domain));
    }
  };
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(budget.concurrency, domains.length) }, worker)), outOfTime]);
  } finally {
    clearTimeout(timer);
    expired = true;
  }
  return verdicts;
}

async function domainVerdict(dns: DnsResolver, domain: string): Promise<'yes' | 'no' | 'unknown'> {
  const mx = await dns.mx(domain);
  if (mx.status === 'unknown') return 'unknown';
  if (mx.status === 'found') {
    // RFC 7505 §3: a single MX of preference 0 and exchange "." says the domain accepts no mail.
    const isNullMx = mx.records.length === 1 && mx.records[0]!.priority === 0 && ['', '.'].includes(mx.records[0]!.exchange);
    return isNullMx ? 'no' : 'yes';
  }
  // RFC 5321 §5.1: no MX -> the domain's own address is the implicit MX.
  const address = await dns.address(domain);
  return address.status === 'found' ? 'yes' : address.status === 'none' ? 'no' : 'unknown';
}
