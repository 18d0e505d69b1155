import type { ApiClient } from '../api/api-client';
import type { CacheStore } from '../db/cache-store';
import type { IConnectDb } from '../db/iconnect-db';

/** What the sync engine and its two halves (push-edits.ts, pull-changes.ts) work with. */
export interface SyncEngineDeps {
  db: IConnectDb;
  api: ApiClient;
  cache: CacheStore;
  now: () => Date;
}
