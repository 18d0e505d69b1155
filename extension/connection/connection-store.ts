import type { ConnectionRow, IConnectDb } from '../db/iconnect-db';

export type StoredConnection = Omit<ConnectionRow, 'id'>;

/** Reads and writes the single saved connection. */
export interface ConnectionStore {
  get(): Promise<StoredConnection | undefined>;
  save(connection: StoredConnection): Promise<void>;
  clear(): Promise<void>;
  /** The server of the last saved connection, still known after `clear` (the token is not). */
  lastServerUrl(): Promise<string | undefined>;
}

export function createConnectionStore(db: IConnectDb): ConnectionStore {
  return {
    async get() {
      const row = await db.connection.get('current');
      if (!row) return undefined;
      const { id: _id, ...connection } = row;
      return connection;
    },
    async save(connection) {
      await db.transaction('rw', [db.connection, db.lastServer, db.campaigns, db.accounts, db.stats, db.pendingEdits, db.conflicts, db.syncState, db.recipients], async () => {
        await db.lastServer.put({ id: 'last', serverUrl: connection.serverUrl });
        const previous = await db.connection.get('current');
        // Another account's cached campaigns must not show under this one.
        if (previous && (previous.userId !== connection.userId || previous.serverUrl !== connection.serverUrl)) await clearCache(db);
        await db.connection.put({ id: 'current', ...connection });
      });
    },
    async clear() {
      await db.transaction('rw', [db.connection, db.campaigns, db.accounts, db.stats, db.pendingEdits, db.conflicts, db.syncState, db.recipients], async () => {
        await db.connection.delete('current');
        await clearCache(db);
      });
    },
    async lastServerUrl() {
      return (await db.lastServer.get('last'))?.serverUrl;
    },
  };
}

/**
 * Signing out forgets what the server told us as well as the token, and the sync state that belongs
 * to that account (its feed cursor, and edits that would otherwise be pushed to the next account).
 */
async function clearCache(db: IConnectDb): Promise<void> {
  await Promise.all([db.campaigns.clear(), db.accounts.clear(), db.stats.clear(), db.pendingEdits.clear(), db.conflicts.clear(), db.syncState.clear(), db.recipients.clear()]);
}
