import type { ConnectionState, LinkStatus } from '../messages/connection';
import { err, ok, type MessageError, type Result } from '../messages/result';
import { isLinkPage, linkPageUrl, type LinkPageReading } from './link-page';
import type { LinkStore, WaitingLink } from './link-store';
import { hostPermissionRefused, normaliseServerUrl } from './server-url';

export interface LinkFlowDeps {
  store: LinkStore;
  tabs: {
    create(properties: { url: string; active: boolean }): Promise<{ id?: number }>;
    remove(tabId: number): Promise<void>;
  };
  /** Reads the done page in a tab (see `readLinkPage`). */
  readTab(tabId: number): Promise<LinkPageReading | undefined>;
  /** Whether the background may reach (and read tabs of) this server: the optional host permission. */
  hasHostAccess(serverUrl: string): Promise<boolean>;
  /** Whether anything answers at the server, quickly (see check-reachable.ts): checked before a tab opens. */
  reachable(serverUrl: string): Promise<Result<null>>;
  /** Checks the token against the server and saves the connection, as the token field does. */
  connect(serverUrl: string, token: string): Promise<Result<ConnectionState>>;
  extensionId: string;
}

export type LinkFlow = ReturnType<typeof createLinkFlow>;

/** What `tabs.onUpdated` tells us (only the parts we use). */
export interface TabUpdate {
  status?: string;
}

/**
 * One-click linking (issue 7). `start` opens the dashboard's link page in a tab with a fresh state;
 * the signed-in user confirms there; `tabUpdated` sees that tab finish loading the done page, reads
 * the token and the echoed state from it, checks them, and connects exactly as a pasted token.
 *
 * Why a web page cannot plant a token: we only ever read the one tab we opened, only while it
 * shows this server's link page (checked on the tab's URL and again inside the document), and only
 * accept the state we generated, within its 10 minutes.
 */
export function createLinkFlow(deps: LinkFlowDeps) {
  const { store } = deps;
  /**
   * Page loads are handled one after another: `complete` can arrive again (or for the done page)
   * while an earlier load is still being read, and a token must be used once. The later one then
   * finds the attempt already finished.
   */
  let loads: Promise<void> = Promise.resolve();

  async function status(): Promise<LinkStatus> {
    const link = await store.read();
    if (!link) return { phase: 'idle' };
    if (link.status === 'failed') return store.isStale(link) ? { phase: 'idle' } : { phase: 'failed', error: link.error };
    if (store.isExpired(link)) {
      await store.fail(EXPIRED);
      return { phase: 'failed', error: EXPIRED };
    }
    return { phase: 'waiting', serverUrl: link.serverUrl, expiresAt: link.expiresAt };
  }

  /** Reads the done page and connects with its token; does nothing when this load was not the done page. */
  async function finish(link: WaitingLink, tabId: number): Promise<void> {
    if (store.isExpired(link)) return store.fail(EXPIRED);
    const page = await deps.readTab(tabId);
    // The confirmation page (no token yet), or a tab that moved on to another page meanwhile.
    if (!page || page.token === null || !isLinkPage(page.href, link.serverUrl)) return;
    if (page.state !== link.state) {
      return store.fail({ code: 'forbidden', message: 'The dashboard answered a different link request, so it was ignored. Press Link again.' });
    }
    const current = await store.read();
    // Cancelled or restarted while the page was read.
    if (current?.status !== 'waiting' || current.state !== link.state) return;

    const connected = await deps.connect(link.serverUrl, page.token);
    if (!connected.ok) return store.fail(connected.error);
    await store.clear();
    await deps.tabs.remove(tabId).catch(() => undefined);
  }

  return {
    status,

    async start(serverUrlInput: string): Promise<Result<LinkStatus>> {
      const serverUrl = normaliseServerUrl(serverUrlInput);
      if (!serverUrl.ok) return serverUrl;
      if (!(await deps.hasHostAccess(serverUrl.value))) return hostPermissionRefused(serverUrl.value, 'Link');
      const reachable = await deps.reachable(serverUrl.value);
      if (!reachable.ok) return reachable;

      const link = await store.begin(serverUrl.value);
      const tab = await deps.tabs.create({ url: linkPageUrl(link.serverUrl, link.state, deps.extensionId), active: true });
      if (tab.id === undefined) {
        await store.clear();
        return err('internal', 'Chrome did not open the dashboard tab. Try again.');
      }
      await store.attachTab(link.state, tab.id);
      return ok(await status());
    },

    /** Forgets the attempt; the panel shows the connect screen as before. */
    async cancel(): Promise<LinkStatus> {
      await store.clear();
      return { phase: 'idle' };
    },

    /** For `tabs.onUpdated`: `url` is only known for hosts we may access, which is all we need. */
    tabUpdated(tabId: number, change: TabUpdate, url: string | undefined): Promise<void> {
      if (change.status !== 'complete' || url === undefined) return Promise.resolve();
      const load = loads.then(async () => {
        const link = await store.read();
        if (link?.status !== 'waiting' || link.tabId !== tabId || !isLinkPage(url, link.serverUrl)) return;
        await finish(link, tabId);
      });
      loads = load.catch(() => undefined);
      return load;
    },

    /** For `tabs.onRemoved`: closing the dashboard tab before linking cancels the attempt. */
    async tabRemoved(tabId: number): Promise<void> {
      const link = await store.read();
      if (link?.status === 'waiting' && link.tabId === tabId) await store.fail(CANCELLED);
    },
  };
}

const EXPIRED: MessageError = {
  code: 'expired',
  message: 'The link request expired after 10 minutes without a confirmation. Press Link again.',
};

const CANCELLED: MessageError = {
  code: 'cancelled',
  message: 'Linking was cancelled: the dashboard tab was closed before you linked. Press Link to try again.',
};
