import { Dexie, type EntityTable } from 'dexie';

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

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores({
      connection: 'id',
    });
  }
}
