import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IConnectDb } from '../db/iconnect-db';
import { checkReachable } from './check-reachable';
import { connectToServer } from './connect-to-server';
import { createConnectionStore } from './connection-store';
import { createLinkFlow, type LinkFlow } from './link-flow';
import type { LinkPageReading } from './link-page';
import { LINK_TTL_MS, createLinkStore } from './link-store';

const SERVER = 'https://iconnect.example.com';
const EXTENSION_ID = 'mjnpgoahphiokkmbakhebijcbljooiap';
const TOKEN = 'ick_linked_token_value';
const ME = { user: { id: 'usr_1', email: 'ada@example.com', createdAt: '2026-01-01T00:00:00.000Z' }, auth: 'token' };
const DONE_URL = `${SERVER}/extension/link`;

let now: number;
let db: IConnectDb;
let flow: LinkFlow;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
let hostAccess: boolean;
/** Whether anything answers at the server's /health (the check before a tab opens). */
let serverUp: boolean;
/** What each tab's document shows to the injected reader. */
let pages: Map<number, LinkPageReading>;
let readTab: ReturnType<typeof vi.fn<(tabId: number) => Promise<LinkPageReading | undefined>>>;
/** Open tabs by id, as Chrome's `tabs.create` / `tabs.remove` keep them. */
let tabs: Map<number, string>;

beforeEach(() => {
  fakeBrowser.reset();
  now = Date.parse('2026-03-02T10:00:00Z');
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  fetchMock = vi.fn<typeof fetch>(async () => Response.json(ME));
  hostAccess = true;
  serverUp = true;
  pages = new Map();
  readTab = vi.fn(async (tabId: number) => pages.get(tabId));
  tabs = new Map();
  const store = createLinkStore(fakeBrowser.storage.session, { now: () => now, randomValues: (bytes) => crypto.getRandomValues(bytes) });
  const connection = { fetch: fetchMock, store: createConnectionStore(db), now: () => new Date(now), timeoutMs: 1000 };
  flow = createLinkFlow({
    store,
    tabs: { create: async ({ url }) => openTab(url), remove: closeTab },
    readTab,
    hasHostAccess: async () => hostAccess,
    reachable: (serverUrl) =>
      checkReachable(serverUrl, {
        fetch: async () => {
          if (!serverUp) throw new TypeError('Failed to fetch');
          return new Response('ok');
        },
        timeoutMs: 1000,
      }),
    connect: (serverUrl, token) => connectToServer({ serverUrl, token }, connection),
    extensionId: EXTENSION_ID,
  });
});

function openTab(url: string): { id: number } {
  const id = tabs.size + 1;
  tabs.set(id, url);
  return { id };
}

/** Closes a tab and, as `tabs.onRemoved` does in start-link-watcher, tells the flow. */
async function closeTab(tabId: number): Promise<void> {
  if (!tabs.delete(tabId)) throw new Error(`No tab with id: ${tabId}`);
  await flow.tabRemoved(tabId);
}

afterEach(async () => {
  await db.delete();
});

/** Starts linking and answers the tab Chrome opened, its URL and the state in it. */
async function startLinking() {
  const started = await flow.start(SERVER);
  expect(started).toMatchObject({ ok: true, value: { phase: 'waiting' } });
  const [tabId, url] = [...tabs].at(-1) ?? [];
  if (tabId === undefined || url === undefined) throw new Error('no tab was opened');
  return { tabId, url, state: new URL(url).searchParams.get('state') ?? '' };
}

/** The tab finished loading the done page carrying `token` and `state`. */
async function showDonePage(tabId: number, state: string, token = TOKEN, href = DONE_URL) {
  pages.set(tabId, { href, token, state });
  await flow.tabUpdated(tabId, { status: 'complete' }, href);
}

function openTabIds(): number[] {
  return [...tabs.keys()];
}

describe('linking through the dashboard', () => {
  it('opens the link page with a fresh state and our id, and waits 10 minutes for it', async () => {
    const { url, state } = await startLinking();

    expect(url).toBe(`${SERVER}/extension/link?state=${state}&extension=${EXTENSION_ID}`);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await flow.status()).toEqual({ phase: 'waiting', serverUrl: SERVER, expiresAt: now + LINK_TTL_MS });
  });

  it('connects with the token of the done page, like a pasted token, then forgets the state and closes the tab', async () => {
    const { tabId, state } = await startLinking();

    await showDonePage(tabId, state);

    expect(await db.connection.get('current')).toMatchObject({ serverUrl: SERVER, token: TOKEN, email: 'ada@example.com' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(`${SERVER}/api/me`);
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await flow.status()).toEqual({ phase: 'idle' });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(openTabIds()).toEqual([]);
  });

  it('says at once that nothing answers at the address, and opens no tab (issue 14)', async () => {
    serverUp = false;

    const started = await flow.start(SERVER);

    expect(started).toEqual({ ok: false, error: { code: 'unreachable', message: `Cannot reach ${SERVER}. Check the address, and that the server is running.` } });
    expect(openTabIds()).toEqual([]);
    expect(await flow.status()).toEqual({ phase: 'idle' });
  });

  it('says what is wrong with a malformed address instead of trying it', async () => {
    const started = await flow.start('https://exa mple.com');

    expect(started).toMatchObject({ ok: false, error: { code: 'invalid-url', message: expect.stringContaining('is not a web address') } });
    expect(openTabIds()).toEqual([]);
  });

  it('waits through the sign-in and confirmation pages', async () => {
    const { tabId } = await startLinking();

    await flow.tabUpdated(tabId, { status: 'complete' }, `${SERVER}/login?next=%2Fextension%2Flink`);
    expect(readTab).not.toHaveBeenCalled();
    pages.set(tabId, { href: DONE_URL, token: null, state: null });
    await flow.tabUpdated(tabId, { status: 'complete' }, DONE_URL);
    await flow.tabUpdated(tabId, { status: 'loading' }, DONE_URL);

    expect(readTab).toHaveBeenCalledTimes(1);
    expect(await flow.status()).toMatchObject({ phase: 'waiting' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('never reads a tab it did not open, even one showing a done page', async () => {
    const { state } = await startLinking();
    const other = openTab(DONE_URL);

    await showDonePage(other.id, state, 'ick_planted');

    expect(readTab).not.toHaveBeenCalled();
    expect(await db.connection.count()).toBe(0);
  });

  it.each([
    ['another site', 'https://evil.example/extension/link'],
    ['another port of the same host', 'https://iconnect.example.com:8443/extension/link'],
    ['another page of the server', `${SERVER}/tokens`],
  ])('does not read its own tab once it shows %s', async (_name, url) => {
    const { tabId, state } = await startLinking();

    await showDonePage(tabId, state, 'ick_planted', url);

    expect(readTab).not.toHaveBeenCalled();
    expect(await db.connection.count()).toBe(0);
  });

  it('ignores what it read when the document turned out to be elsewhere', async () => {
    const { tabId, state } = await startLinking();
    pages.set(tabId, { href: 'https://evil.example/extension/link', token: 'ick_planted', state });

    await flow.tabUpdated(tabId, { status: 'complete' }, DONE_URL);

    expect(await db.connection.count()).toBe(0);
    expect(await flow.status()).toMatchObject({ phase: 'waiting' });
  });

  it('refuses a done page for another state', async () => {
    const { tabId } = await startLinking();

    await showDonePage(tabId, 'x'.repeat(43), 'ick_planted');

    expect(fetchMock).not.toHaveBeenCalled();
    expect(await db.connection.count()).toBe(0);
    expect(await flow.status()).toMatchObject({ phase: 'failed', error: { code: 'forbidden', message: expect.stringMatching(/different link request/) } });
  });

  it('refuses a done page after the 10 minutes', async () => {
    const { tabId, state } = await startLinking();
    now += LINK_TTL_MS;

    await showDonePage(tabId, state);

    expect(fetchMock).not.toHaveBeenCalled();
    expect(await flow.status()).toMatchObject({ phase: 'failed', error: { code: 'expired', message: expect.stringMatching(/expired/) } });
  });

  it('says the request expired when the panel asks after the 10 minutes', async () => {
    await startLinking();
    now += LINK_TTL_MS + 1;

    expect(await flow.status()).toMatchObject({ phase: 'failed', error: { code: 'expired' } });
  });

  it('says linking was cancelled when the tab is closed first', async () => {
    const { tabId } = await startLinking();

    await closeTab(tabId);

    expect(await flow.status()).toEqual({
      phase: 'failed',
      error: { code: 'cancelled', message: expect.stringMatching(/^Linking was cancelled/) },
    });
  });

  it('passes on the server refusing the token, and leaves the tab open', async () => {
    fetchMock.mockResolvedValue(Response.json({ type: '/problems/unauthenticated', title: 'Unauthenticated', status: 401 }, { status: 401 }));
    const { tabId, state } = await startLinking();

    await showDonePage(tabId, state);

    expect(await db.connection.count()).toBe(0);
    expect(await flow.status()).toMatchObject({ phase: 'failed', error: { code: 'unauthorized' } });
    expect(openTabIds()).toEqual([tabId]);
  });

  it('uses the token once when the tab reports complete twice at once', async () => {
    const { tabId, state } = await startLinking();
    pages.set(tabId, { href: DONE_URL, token: TOKEN, state });

    await Promise.all([
      flow.tabUpdated(tabId, { status: 'complete' }, DONE_URL),
      flow.tabUpdated(tabId, { status: 'complete' }, DONE_URL),
    ]);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await db.connection.count()).toBe(1);
  });

  it('asks for the host permission before opening anything', async () => {
    hostAccess = false;

    const started = await flow.start(SERVER);

    expect(started).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/permission to reach iconnect\.example\.com/) } });
    expect(openTabIds()).toEqual([]);
    expect(await flow.status()).toEqual({ phase: 'idle' });
  });

  it('refuses to link a server at plain http:// on another computer, before opening any tab', async () => {
    const started = await flow.start('http://192.168.1.20:8787');

    expect(started).toMatchObject({ ok: false, error: { code: 'invalid-url', message: expect.stringMatching(/API token would cross the network/) } });
    expect(openTabIds()).toEqual([]);
    expect(await flow.status()).toEqual({ phase: 'idle' });
  });

  it('refuses an address that is not a web address', async () => {
    expect(await flow.start('ftp://example.com')).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    expect(openTabIds()).toEqual([]);
  });

  it('stops waiting on cancel, and a later done page is ignored', async () => {
    const { tabId, state } = await startLinking();

    expect(await flow.cancel()).toEqual({ phase: 'idle' });
    await showDonePage(tabId, state);

    expect(await db.connection.count()).toBe(0);
  });

  it('answers to the latest attempt only', async () => {
    const first = await startLinking();
    await flow.start(SERVER);

    await showDonePage(first.tabId, first.state);

    expect(await db.connection.count()).toBe(0);
    expect(await flow.status()).toMatchObject({ phase: 'waiting' });
  });

  it('shows a failure for 10 minutes, then starts clean', async () => {
    const { tabId } = await startLinking();
    await closeTab(tabId);
    now += LINK_TTL_MS;

    expect(await flow.status()).toEqual({ phase: 'idle' });
  });
});
