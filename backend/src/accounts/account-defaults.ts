/**
 * Defaults for a newly connected mailbox. Google allows about 500 messages a day from a consumer
 * Gmail address and 2,000 from Workspace; we stay below both so the person's own mail still goes out.
 */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function defaultDailyLimit(email: string): number {
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  return CONSUMER_DOMAINS.has(domain) ? 400 : 1800;
}

export const DEFAULT_GAP_SECONDS = { min: 60, max: 180 } as const;
