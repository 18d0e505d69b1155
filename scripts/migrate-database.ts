/**
 * `npm run db:migrate`: brings a database's schema up to date with the same drizzle migrations the
 * Node server applies at start-up. For a Worker's Turso database, which a Worker cannot migrate (the
 * migrations are files):
 *
 *   npm run db:migrate -- libsql://iconnect-<org>.turso.io      (token in DATABASE_AUTH_TOKEN)
 *   DATABASE_URL=… DATABASE_AUTH_TOKEN=… npm run db:migrate
 *
 * Running it again is harmless: drizzle records what it ran.
 */
import { openDatabase } from '../backend/src/db/open-database';

/** Applies every migration not yet applied to the database at `url`. */
export async function migrateDatabase(options: { url: string; authToken?: string | undefined }): Promise<void> {
  const { client } = await openDatabase(options);
  client.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Usage: npm run db:migrate -- <libsql://… or https://… URL> (or set DATABASE_URL); the token in DATABASE_AUTH_TOKEN.');
    process.exit(64); // EX_USAGE
  }
  await migrateDatabase({ url, authToken: process.env.DATABASE_AUTH_TOKEN || undefined });
  console.log(`Migrated ${url.split('?')[0]}`);
}
