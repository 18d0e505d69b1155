import { RESOURCE_ID_PATTERN } from '../messages/resource-id';

/**
 * "Show this campaign": written by the background after the Gmail button saved a draft, read by
 * the side panel when it opens and whenever it changes. It lives in `chrome.storage.session`:
 * in memory only, and (at Chrome's default access level) out of reach of content scripts.
 */
export const OPEN_CAMPAIGN_INTENT_KEY = 'openCampaignIntent';

/** An intent nobody followed within this time is stale: opening the panel later shows the list. */
export const OPEN_CAMPAIGN_INTENT_TTL_MS = 10 * 60_000;

export interface OpenCampaignIntent {
  campaignId: string;
  requestedAt: number;
}

/**
 * A hand check, not a zod schema: the side panel reads this, and zod would cost it about 30 KB
 * gzipped of its budget (issue 14). Only our background writes the key, in session storage.
 */
function readIntent(value: unknown): OpenCampaignIntent | null {
  if (typeof value !== 'object' || value === null) return null;
  const { campaignId, requestedAt, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof campaignId !== 'string' || !RESOURCE_ID_PATTERN.test(campaignId)) return null;
  return typeof requestedAt === 'number' && Number.isFinite(requestedAt) ? { campaignId, requestedAt } : null;
}

/** The part of a `storage.StorageArea` used here (`browser.storage.session` in the extension). */
export interface IntentStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export type OpenCampaignIntents = ReturnType<typeof openCampaignIntents>;

/**
 * @example
 * const intents = openCampaignIntents(browser.storage.session, Date.now);
 * await intents.request('cmp_1');          // background
 * const intent = await intents.peek();     // panel, on start
 * if (intent) { show(intent.campaignId); await intents.clear(intent); }
 */
export function openCampaignIntents(area: IntentStorageArea, now: () => number) {
  /** A stored or changed value, if it is a well-formed intent that is still fresh. */
  const parse = (value: unknown): OpenCampaignIntent | null => {
    const intent = readIntent(value);
    if (!intent) return null;
    const age = now() - intent.requestedAt;
    return age >= 0 && age <= OPEN_CAMPAIGN_INTENT_TTL_MS ? intent : null;
  };

  return {
    parse,
    async request(campaignId: string): Promise<void> {
      await area.set({ [OPEN_CAMPAIGN_INTENT_KEY]: { campaignId, requestedAt: now() } });
    },
    async peek(): Promise<OpenCampaignIntent | null> {
      return parse((await area.get(OPEN_CAMPAIGN_INTENT_KEY))[OPEN_CAMPAIGN_INTENT_KEY]);
    },
    /** Once followed, so a panel opened later does not jump to it again; a newer intent is kept. */
    async clear(followed: OpenCampaignIntent): Promise<void> {
      const stored = readIntent((await area.get(OPEN_CAMPAIGN_INTENT_KEY))[OPEN_CAMPAIGN_INTENT_KEY]);
      if (stored && stored.requestedAt > followed.requestedAt) return;
      await area.remove(OPEN_CAMPAIGN_INTENT_KEY);
    },
  };
}
