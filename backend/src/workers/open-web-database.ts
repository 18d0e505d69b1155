import { createClient, type Client } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import type { Database } from '../db/database';
import * as schema from '../db/schema';

/**
 * Workers: the database over HTTP (Turso, or any libsql server), through the client that needs no
 * Node API. The schema is brought up to date beforehand by `npm run db:migrate` (the migrations are
 * files, and a Worker has no file system). Each statement is its own HTTP request; multi-statement
 * writes in the core go through `db.batch`, one request and one transaction.
 *
 * @example const { db } = openWebDatabase({ url: 'libsql://iconnect-me.turso.io', authToken })
 */
export function openWebDatabase(options: { url: string; authToken?: string | undefined }): { db: Database; client: Client } {
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    // No client-side queue: the client is shared by the isolate's requests, and a queued statement
    // would start its fetch from whichever request freed a slot (workerd ties I/O to the request that
    // started it). workerd limits each request's open connections itself.
    concurrency: Number.POSITIVE_INFINITY,
  });
  return { db: drizzle(client, { schema }), client };
}
