import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { OPEN_CAMPAIGN_INTENT_KEY, openCampaignIntents, type OpenCampaignIntent } from '../compose/open-campaign-intent';

export interface CampaignToOpen {
  campaignId: string;
  /** Changes on every request, even for the same campaign twice. */
  requestedAt: number;
}

/**
 * The campaign the Gmail compose button asked the panel to show: read when the panel opens and
 * whenever the background writes a new request. A followed request is cleared, so a panel opened
 * later starts on the list as usual.
 */
export function useOpenCampaignIntent(): CampaignToOpen | null {
  const [toOpen, setToOpen] = useState<CampaignToOpen | null>(null);

  useEffect(() => {
    const intents = openCampaignIntents(browser.storage.session, Date.now);
    let live = true;
    const follow = (intent: OpenCampaignIntent | null) => {
      if (!live || !intent) return;
      setToOpen({ campaignId: intent.campaignId, requestedAt: intent.requestedAt });
      void intents.clear(intent);
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[OPEN_CAMPAIGN_INTENT_KEY];
      if (area === 'session' && change) follow(intents.parse(change.newValue));
    };
    // Listen first, then read: a request written in between is seen by one or the other.
    browser.storage.onChanged.addListener(onChanged);
    void intents.peek().then(follow, () => undefined);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return toOpen;
}
