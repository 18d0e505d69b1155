import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';
import { createEmbeddedClient } from './embedded-client';
import { preparePrivateDatabaseFile } from './private-files';
import * as schema from './schema';

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/**
 * Node only: opens the database (an embedded SQLite file by default, or a libsql/Turso URL) and
 * brings its schema up to date. Re-running the migrations is harmless: drizzle records what it ran.
 */
export async function openDatabase(options: {
  url: string;
  authToken?: string | undefined;
}): Promise<{ db: Database; client: Client }> {
  const isFile = options.url.startsWith('file:');
  // 0600 before SQLite creates it: the WAL and shm files inherit the database file's mode.
  if (isFile) preparePrivateDatabaseFile(options.url);
  // One connection for the embedded file: a PRAGMA reaches only the connection that ran it,
  // and a second connection would see SQLITE_BUSY while the first writes.
  // An embedded file (or memory) keeps its statements compiled (embedded-client.ts); anything else
  // (libsql/Turso URLs, file URLs with options) goes through @libsql/client as before.
  const embeddedPath = options.authToken ? null : embeddedDatabasePath(options.url);
  const client =
    embeddedPath !== null ? createEmbeddedClient(embeddedPath) : createClient({ url: options.url, authToken: options.authToken, concurrency: isFile ? 1 : 20 });
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
    // WAL with synchronous=NORMAL is durable across process crashes (only power loss can lose the last commit).
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    // An erasure (people/erase-person.ts) must leave no copy of the address in the file: SQLite then
    // overwrites deleted and replaced content with zeros instead of leaving it in free space.
    // A remote libsql/Turso database is the provider's to keep, out of this pragma's reach: Turso
    // can restore any moment of the last 24 hours to 90 days by plan, and a deleted database for 5
    // days (docs.turso.tech/features/point-in-time-recovery, …/recover-deleted-databases; README, /privacy).
    await client.execute('PRAGMA secure_delete = ON');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, client };
}

/**
 * The SQLite path of a plain `file:` URL (`file:./data/iconnect.db`, `file:/abs.db`, `file:///abs.db`)
 * or `:memory:`; null for anything @libsql/client should read itself (a host, options, escapes).
 */
export function embeddedDatabasePath(url: string): string | null {
  if (url === ':memory:') return url;
  if (!url.startsWith('file:') || /[?#%]/.test(url)) return null;
  let path = url.slice('file:'.length);
  if (path.startsWith('//')) {
    if (!path.startsWith('///')) return null;
    path = path.slice('//'.length);
  }
  return path === '' || path === ':memory:' ? null : path;
}
