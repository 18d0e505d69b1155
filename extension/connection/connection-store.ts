import type { ConnectionRow, IConnectDb } from '../db/iconnect-db';

export type StoredConnection = Omit<ConnectionRow, 'id'>;

/** Reads and writes the single saved connection. */
export interface ConnectionStore {
  get(): Promise<StoredConnection | undefined>;
  save(connection: StoredConnection): Promise<void>;
  clear(): Promise<void>;
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
      await db.connection.put({ id: 'current', ...connection });
    },
    async clear() {
      await db.connection.delete('current');
    },
  };
}
