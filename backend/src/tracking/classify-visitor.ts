/**
 * Human or machine: whether an open or a click was a person, or software acting on the message
 * (an image proxy, a privacy prefetch, a link scanner). Pure: the route gathers the facts (method,
 * user agent, when the message left, this job's recent clicks) and this decides. The rules and their
 * limits are described in ./README.md.
 */

export type VisitorFacts = {
  kind: 'open' | 'click';
  /** The HTTP method: mail clients and browsers GET; scanners often HEAD first. */
  method: string;
  userAgent: string | undefined;
  /** When this request arrived. */
  at: number;
  /** When the message left (`send_jobs.sent_at`), or null if not recorded yet. */
  sentAt: number | null;
  /** Clicks only: how many rewritten links the message has (`job_links` rows). */
  linkCount?: number;
  /** Clicks only: the links of this job clicked lately (including this one), with when. */
  recentClicks?: readonly { linkIndex: number; at: number }[];
};

export type MachineReason =
  | 'head-request'
  | 'no-user-agent'
  | 'gmail-image-proxy'
  | 'apple-privacy-prefetch'
  | 'known-scanner'
  | 'click-right-after-delivery'
  | 'clicked-every-link';

export type Verdict = { machine: false } | { machine: true; reason: MachineReason };

/** A click this soon after the message left is a scanner at the recipient's gateway, not a reader. */
export const CLICK_AFTER_DELIVERY_MS = 10_000;
/** Every link of a message clicked within this window: a scanner "clicking everything at once". */
export const EVERY_LINK_WINDOW_MS = 5_000;

/**
 * User-agent fragments of known proxies, gateways and HTTP libraries, lower-cased. A person's mail
 * client or browser never sends these. (Outlook's own "Microsoft Office" agent is a person: not here.)
 */
const SCANNER_AGENTS = [
  // Mail security gateways and link-protection services.
  'barracuda',
  'mimecast',
  'proofpoint',
  'bingpreview', // Microsoft Defender for Office 365 Safe Links
  'symantec',
  'messagelabs',
  'trend micro',
  'trendmicro',
  'ironport',
  'cisco',
  'forcepoint',
  'sophos',
  'fortinet',
  'fortiguard',
  'zscaler',
  'paloalto',
  'checkpoint',
  'yahoomailproxy',
  // Link unfurlers and crawlers (plus any "...bot/1.0" and "... bot ..." agent, see BOT_AGENT).
  'crawler',
  'spider',
  'facebookexternalhit',
  'slackbot',
  'skypeuripreview',
  // HTTP libraries and headless browsers.
  'headlesschrome',
  'phantomjs',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'httpx',
  'scrapy',
  'curl/',
  'wget/',
  'go-http-client',
  'java/',
  'okhttp',
  'apache-httpclient',
  'libwww-perl',
  'node-fetch',
  'axios/',
  'undici',
  'postmanruntime',
] as const;

/** "Googlebot/2.1", "AhrefsBot/7.0", "bot" as a word; not a phone model such as "CUBOT". */
const BOT_AGENT = /\bbot\b|bot\//;

/**
 * Labels one open or click.
 *
 * @example
 * classifyVisitor({ kind: 'open', method: 'GET', userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', at, sentAt })
 * // { machine: true, reason: 'gmail-image-proxy' }
 */
export function classifyVisitor(facts: VisitorFacts): Verdict {
  // Browsers and mail clients GET images and links; HEAD is a checker looking without reading.
  if (facts.method.toUpperCase() === 'HEAD') return machine('head-request');
  const byAgent = agentVerdict(facts.userAgent ?? '');
  if (byAgent !== null) return machine(byAgent);

  if (facts.kind === 'click') {
    if (facts.sentAt !== null && facts.at - facts.sentAt < CLICK_AFTER_DELIVERY_MS) return machine('click-right-after-delivery');
    const linkCount = facts.linkCount ?? 0;
    if (linkCount >= 2 && facts.recentClicks) {
      const clicked = new Set<number>();
      for (const click of facts.recentClicks) if (facts.at - click.at <= EVERY_LINK_WINDOW_MS) clicked.add(click.linkIndex);
      if (clicked.size >= linkCount) return machine('clicked-every-link');
    }
  }
  return { machine: false };
}

/**
 * Agents seen lately and what they say, so a repeated agent (a proxy's, one reader's client) costs a
 * map lookup rather than a scan of SCANNER_AGENTS. Emptied when full: bounded whatever the agents.
 */
const AGENTS_REMEMBERED = 2_000;
const agentVerdicts = new Map<string, MachineReason | null>();

/** What the user agent alone says: the reason it is a machine, or null if it may be a person. */
function agentVerdict(userAgent: string): MachineReason | null {
  const remembered = agentVerdicts.get(userAgent);
  if (remembered !== undefined) return remembered;
  const reason = agentReason(userAgent);
  if (agentVerdicts.size >= AGENTS_REMEMBERED) agentVerdicts.clear();
  // Only short agents are remembered (real ones are a few hundred characters): a caller cannot pin megabytes.
  if (userAgent.length <= 1_000) agentVerdicts.set(userAgent, reason);
  return reason;
}

function agentReason(userAgent: string): MachineReason | null {
  const agent = userAgent.trim();
  if (agent === '') return 'no-user-agent';
  const lower = agent.toLowerCase();
  // Gmail fetches images through its proxy (once, then caches): "(via ggpht.com GoogleImageProxy)".
  if (lower.includes('googleimageproxy') || lower.includes('ggpht.com')) return 'gmail-image-proxy';
  // Apple Mail Privacy Protection preloads every image through Apple's proxy with the bare agent
  // "Mozilla/5.0"; Apple Mail itself (and every browser) sends the platform tokens after it.
  if (/^mozilla\/5\.0$/i.test(agent)) return 'apple-privacy-prefetch';
  if (SCANNER_AGENTS.some((fragment) => lower.includes(fragment)) || BOT_AGENT.test(lower)) return 'known-scanner';
  return null;
}

function machine(reason: MachineReason): Verdict {
  return { machine: true, reason };
}
