import browser from 'webextension-polyfill';
import { checkReachable } from './check-reachable';
import { connectToServer, type ConnectOptions } from './connect-to-server';
import { createLinkFlow, type LinkFlow } from './link-flow';
import { readLinkPage, type ScriptingApi } from './link-page';
import { createLinkStore } from './link-store';
import { hostPermissionFor } from './server-url';

/** Linking fails within seconds when nothing answers at the address (issue 14). */
const REACHABLE_TIMEOUT_MS = 4_000;

/**
 * The link flow wired to Chrome: its state in `storage.session`, the dashboard tab watched through
 * `tabs.onUpdated` / `tabs.onRemoved`. The listeners are added synchronously at start-up, so Chrome
 * wakes the service worker for them even after it went to sleep while the user was signing in.
 */
export function startLinkWatcher(connect: ConnectOptions, onError: (error: unknown) => void): LinkFlow {
  const store = createLinkStore(browser.storage.session, { now: Date.now, randomValues: (bytes) => crypto.getRandomValues(bytes) });
  const scripting: ScriptingApi = browser.scripting;
  const flow = createLinkFlow({
    store,
    tabs: {
      create: (properties) => browser.tabs.create(properties),
      remove: (tabId) => browser.tabs.remove(tabId),
    },
    readTab: (tabId) => readLinkPage(scripting, tabId),
    hasHostAccess: async (serverUrl) => {
      const origin = hostPermissionFor(serverUrl);
      return origin === null || (await browser.permissions.contains({ origins: [origin] }));
    },
    reachable: (serverUrl) => checkReachable(serverUrl, { fetch: connect.fetch, timeoutMs: REACHABLE_TIMEOUT_MS }),
    connect: (serverUrl, token) => connectToServer({ serverUrl, token }, connect),
    extensionId: browser.runtime.id,
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    flow.tabUpdated(tabId, change, tab.url).catch(onError);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    flow.tabRemoved(tabId).catch(onError);
  });
  return flow;
}
