import { Dexie, type EntityTable, type Table } from 'dexie';
import type { GmailAccount } from '../../shared/schemas/accounts';
import type { Campaign, CampaignPatch } from '../../shared/schemas/campaigns';
import type { Recipient } from '../../shared/schemas/recipients';
import type { CampaignStats } from '../../shared/schemas/analytics';

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

/** The server address last connected to, kept past a sign-out so the connect screen can offer it (never a token). */
export interface LastServerRow {
  id: 'last';
  serverUrl: string;
}

/**
 * Cached copies of what the API last said, so the panel can draw at once (stale-while-revalidate).
 * `fetchedAt` (ISO 8601) is when the server answered. A campaign with a pending edit is stored with
 * that edit laid over it, so the panel shows what the user wrote.
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

/** A campaign's fields as edited, without `version`. */
export type CampaignEdit = Omit<CampaignPatch, 'version'>;

/**
 * An edit the server has not accepted yet (offline, or the server was down). One row per
 * campaign: later edits merge into it. Replayed with `baseVersion`; `before` holds the edited
 * fields' values in that version, so a 409 caused by someone editing other fields can be replayed
 * on the new version instead of being called a conflict.
 */
export interface PendingEditRow {
  seq?: number;
  campaignId: string;
  baseVersion: number;
  edit: CampaignEdit;
  before: Partial<Record<keyof CampaignEdit, unknown>>;
  queuedAt: string;
  attempts: number;
  /** ISO 8601: not retried before this (back-off while the server is unreachable). */
  retryAt: string;
  lastError: string | null;
}

/**
 * An edit the server could not take as it was: the campaign changed elsewhere in the same fields
 * (`changed-elsewhere`), was deleted (`deleted`), or the server refused the edit (`refused`, e.g.
 * the campaign was launched meanwhile). The user's text stays here until they decide.
 */
export interface SyncConflictRow {
  campaignId: string;
  kind: 'changed-elsewhere' | 'deleted' | 'refused';
  /** The user's edit, as they left it. */
  edit: CampaignEdit;
  /** The campaign as the server has it now (null when deleted). */
  theirs: Campaign | null;
  message: string;
  at: string;
}

/**
 * Recipients as the server last listed them, so a campaign's table still shows offline. `seq` is the
 * number in the recipient's id (`rcp_<seq>`): the server's order, and the keyset cursor's.
 */
export interface RecipientCacheRow {
  campaignId: string;
  seq: number;
  recipient: Recipient;
  fetchedAt: string;
  /** Where the row stood in the whole list when fetched (0-based), so a jump can be answered offline. */
  position?: number;
}

/** Where the change feed was read up to (GET /api/sync), one row. */
export interface SyncStateRow {
  id: 'feed';
  cursor: number;
  syncedAt: string | null;
  lastError: string | null;
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
  pendingEdits!: EntityTable<PendingEditRow, 'seq'>;
  conflicts!: EntityTable<SyncConflictRow, 'campaignId'>;
  syncState!: EntityTable<SyncStateRow, 'id'>;
  recipients!: Table<RecipientCacheRow, [string, number]>;
  lastServer!: EntityTable<LastServerRow, 'id'>;

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
    // Offline edits and the change feed's cursor (extension/sync).
    this.version(3).stores({
      pendingEdits: '++seq, &campaignId',
      conflicts: 'campaignId',
      syncState: 'id',
    });
    // Recipients for offline reading, in the server's order per campaign.
    this.version(4).stores({
      recipients: '[campaignId+seq], campaignId',
    });
    // Issue 14: the server address stays filled in after a sign-out.
    this.version(5).stores({
      lastServer: 'id',
    });
  }
}
