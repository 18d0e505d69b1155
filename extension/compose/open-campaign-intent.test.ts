import { describe, expect, it } from 'vitest';
import { OPEN_CAMPAIGN_INTENT_KEY, OPEN_CAMPAIGN_INTENT_TTL_MS, openCampaignIntents, type IntentStorageArea } from './open-campaign-intent';

/** An in-memory `storage.session`. */
function memoryArea(): IntentStorageArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}

describe('openCampaignIntents', () => {
  it('hands a request to the panel once', async () => {
    let now = 1_000;
    const area = memoryArea();
    const intents = openCampaignIntents(area, () => now);

    await intents.request('cmp_1');
    now += 500;
    const intent = await intents.peek();
    expect(intent).toEqual({ campaignId: 'cmp_1', requestedAt: 1_000 });

    await intents.clear(intent!);
    expect(await intents.peek()).toBeNull();
  });

  it('ignores a request nobody followed in time', async () => {
    let now = 1_000;
    const intents = openCampaignIntents(memoryArea(), () => now);
    await intents.request('cmp_1');
    now += OPEN_CAMPAIGN_INTENT_TTL_MS + 1;
    expect(await intents.peek()).toBeNull();
  });

  it('keeps a newer request when clearing an older one', async () => {
    let now = 1_000;
    const intents = openCampaignIntents(memoryArea(), () => now);
    await intents.request('cmp_1');
    const first = await intents.peek();
    now += 10;
    await intents.request('cmp_2');

    await intents.clear(first!);

    expect(await intents.peek()).toEqual({ campaignId: 'cmp_2', requestedAt: 1_010 });
  });

  it('ignores something else stored under its key', async () => {
    const area = memoryArea();
    area.items.set(OPEN_CAMPAIGN_INTENT_KEY, { campaignId: '../tokens', requestedAt: 1 });
    expect(await openCampaignIntents(area, () => 1).peek()).toBeNull();
  });
});
