import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LINK_STORAGE_KEY, LINK_TTL_MS, createLinkStore } from './link-store';

beforeEach(() => fakeBrowser.reset());

function setup(start = 1_000_000) {
  let now = start;
  const area = fakeBrowser.storage.session;
  const store = createLinkStore(area, { now: () => now, randomValues: (bytes) => crypto.getRandomValues(bytes) });
  return { area, store, advance: (ms: number) => (now += ms) };
}

describe('createLinkStore', () => {
  it('begins an attempt with a 32-byte base64url state that expires in 10 minutes', async () => {
    const { store } = setup();

    const link = await store.begin('https://iconnect.example.com');

    expect(link).toEqual({
      status: 'waiting',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      serverUrl: 'https://iconnect.example.com',
      tabId: null,
      expiresAt: 1_000_000 + LINK_TTL_MS,
    });
    expect(await store.read()).toEqual(link);
  });

  it('makes a new state for every attempt', async () => {
    const { store } = setup();
    const states = new Set<string>();
    for (let i = 0; i < 20; i++) states.add((await store.begin('https://a.example')).state);
    expect(states.size).toBe(20);
  });

  it('attaches the tab only to the attempt that opened it', async () => {
    const { store } = setup();
    const first = await store.begin('https://a.example');
    const second = await store.begin('https://a.example');

    await store.attachTab(first.state, 7);
    expect(await store.read()).toMatchObject({ state: second.state, tabId: null });

    await store.attachTab(second.state, 8);
    expect(await store.read()).toMatchObject({ state: second.state, tabId: 8 });
  });

  it('says when an attempt has expired, and when a failure is old news', async () => {
    const { store, advance } = setup();
    const link = await store.begin('https://a.example');
    advance(LINK_TTL_MS - 1);
    expect(store.isExpired(link)).toBe(false);
    advance(1);
    expect(store.isExpired(link)).toBe(true);

    await store.fail({ code: 'cancelled', message: 'Linking was cancelled' });
    const failure = await store.read();
    if (failure?.status !== 'failed') throw new Error('expected a failure');
    expect(store.isStale(failure)).toBe(false);
    advance(LINK_TTL_MS);
    expect(store.isStale(failure)).toBe(true);
  });

  it('reads a malformed stored value as no attempt', async () => {
    const { area, store } = setup();
    await area.set({ [LINK_STORAGE_KEY]: { status: 'waiting', state: 'short', serverUrl: 'x', tabId: 1, expiresAt: 0 } });
    expect(await store.read()).toBeUndefined();
  });

  it('clears the attempt', async () => {
    const { area, store } = setup();
    await store.begin('https://a.example');
    await store.clear();
    expect(await area.get(LINK_STORAGE_KEY)).toEqual({});
  });
});
