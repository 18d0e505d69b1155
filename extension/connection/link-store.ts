import * as z from 'zod';
import { linkStateSchema } from '../../shared/schemas/extension-link';
import { messageErrorSchema, type MessageError } from '../messages/result';
import { LINK_STORAGE_KEY } from './session-keys';

/**
 * The link attempt in progress (issue 7), in `chrome.storage.session`: in memory only, kept while
 * the service worker sleeps, and at Chrome's default access level out of reach of content scripts
 * and web pages. It holds the `state` that the dashboard's done page must echo back. The key is in
 * session-keys.ts, which the panel imports without zod.
 */
export { LINK_STORAGE_KEY };

/** How long the user has to confirm in the dashboard tab; a failure is shown for as long. */
export const LINK_TTL_MS = 10 * 60_000;

const waitingLinkSchema = z
  .object({
    status: z.literal('waiting'),
    state: linkStateSchema,
    serverUrl: z.string(),
    /** The tab opened at the dashboard's link page; null for the moment before it exists. */
    tabId: z.number().int().nullable(),
    expiresAt: z.number(),
  })
  .strict();
const failedLinkSchema = z.object({ status: z.literal('failed'), error: messageErrorSchema, failedAt: z.number() }).strict();
const linkRecordSchema = z.discriminatedUnion('status', [waitingLinkSchema, failedLinkSchema]);

export type WaitingLink = z.infer<typeof waitingLinkSchema>;
export type LinkRecord = z.infer<typeof linkRecordSchema>;

/** The part of a `storage.StorageArea` used here (`browser.storage.session` in the extension). */
export interface LinkStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface LinkStoreOptions {
  now(): number;
  /** Fills the array with cryptographically strong random bytes (`crypto.getRandomValues`). */
  randomValues(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
}

export type LinkStore = ReturnType<typeof createLinkStore>;

/**
 * @example
 * const links = createLinkStore(browser.storage.session, { now: Date.now, randomValues: (b) => crypto.getRandomValues(b) });
 * const link = await links.begin('https://iconnect.example.com');
 * await links.attachTab(link.state, tab.id);
 */
export function createLinkStore(area: LinkStorageArea, options: LinkStoreOptions) {
  const write = (record: LinkRecord) => area.set({ [LINK_STORAGE_KEY]: record });

  return {
    /** The stored attempt; anything malformed reads as none. */
    async read(): Promise<LinkRecord | undefined> {
      const parsed = linkRecordSchema.safeParse((await area.get(LINK_STORAGE_KEY))[LINK_STORAGE_KEY]);
      return parsed.success ? parsed.data : undefined;
    },
    /** Starts a new attempt with a fresh state, replacing any earlier one. */
    async begin(serverUrl: string): Promise<WaitingLink> {
      const link: WaitingLink = {
        status: 'waiting',
        state: newLinkState(options.randomValues),
        serverUrl,
        tabId: null,
        expiresAt: options.now() + LINK_TTL_MS,
      };
      await write(link);
      return link;
    },
    /** Records the tab opened for the attempt with this state (unless another attempt replaced it). */
    async attachTab(state: string, tabId: number): Promise<void> {
      const current = await this.read();
      if (current?.status === 'waiting' && current.state === state) await write({ ...current, tabId });
    },
    async fail(error: MessageError): Promise<void> {
      await write({ status: 'failed', error, failedAt: options.now() });
    },
    async clear(): Promise<void> {
      await area.remove(LINK_STORAGE_KEY);
    },
    isExpired(link: WaitingLink): boolean {
      return options.now() >= link.expiresAt;
    },
    /** A failure is said once in the panel, for a while; after that the connect screen starts clean. */
    isStale(failure: Extract<LinkRecord, { status: 'failed' }>): boolean {
      return options.now() - failure.failedAt >= LINK_TTL_MS;
    },
  };
}

/** 32 random bytes, base64url without padding (43 characters): guessing one is hopeless. */
function newLinkState(randomValues: LinkStoreOptions['randomValues']): string {
  const bytes = randomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
