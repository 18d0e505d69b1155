import { Dexie, type EntityTable } from 'dexie';
import type { GmailAccount } from '../../shared/schemas/accounts';
import type { Campaign } from '../../shared/schemas/campaigns';
import type { CampaignStats } from '../messages/analytics';

/**
 * The server this extension talks to. A single row (id `current`): the extension
 * is signed in to one iConnect account at a time.
 */
export interface ConnectionRow {
  id: 'current';
  /** Normalised base URL, no trailing slash, e.g. `https://mail.example.com`. */
  serverUrl: string;
  /** `ick_...` API token: read only by the background, never sent to a page. */
  token: string;
  userId: string;
  email: string;
  /** ISO 8601, when the token was last checked against `/api/me`. */
  connectedAt: string;
}

/**
 * Cached copies of what the API last said, so the panel can draw at once (stale-while-revalidate).
 * `fetchedAt` (ISO 8601) is when the server answered. A later `pendingChanges` table
 * (`++seq, campaignId`) will hold edits made offline, replayed with each campaign's `version`.
 */
export interface CampaignCacheRow {
  id: string;
  /** Copied from the campaign so the list can be read in the server's order without parsing rows. */
  updatedAt: string;
  campaign: Campaign;
  fetchedAt: string;
}

export interface AccountCacheRow {
  id: string;
  account: GmailAccount;
  fetchedAt: string;
}

export interface StatsCacheRow {
  campaignId: string;
  stats: CampaignStats;
  fetchedAt: string;
}

export const DEFAULT_DB_NAME = 'iconnect';

/**
 * The extension's one IndexedDB database, opened by the background.
 *
 * Why IndexedDB and not chrome.storage.local: content scripts can read
 * chrome.storage.local, while IndexedDB here lives in the extension's origin,
 * which web pages and our content scripts (page origin) cannot open.
 *
 * Schema changes add a `this.version(n + 1)` block below; never edit a past one.
 */
export class IConnectDb extends Dexie {
  connection!: EntityTable<ConnectionRow, 'id'>;
  campaigns!: EntityTable<CampaignCacheRow, 'id'>;
  accounts!: EntityTable<AccountCacheRow, 'id'>;
  stats!: EntityTable<StatsCacheRow, 'campaignId'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores({
      connection: 'id',
    });
    // Issue 7: the API cache. Only keys and the list's sort order are indexed.
    this.version(2).stores({
      campaigns: 'id, updatedAt',
      accounts: 'id',
      stats: 'campaignId',
    });
  }
}
