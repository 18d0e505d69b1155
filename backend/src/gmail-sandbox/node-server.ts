/**
 * Node only: runs the Gmail sandbox alone on a loopback port, for tests and as a separate
 * process (`tsx backend/src/gmail-sandbox/node-server.ts`, env GMAIL_SANDBOX_PORT / GMAIL_SANDBOX_DB).
 */
import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { preparePrivateDatabaseFile } from '../db/private-files';
import type { AddressInfo } from 'node:net';
import { createGmailSandbox, type GmailSandbox } from './index';
import type { SandboxClock } from './sandbox-deps';

export type GmailSandboxServer = {
  /** e.g. `http://127.0.0.1:41234`: OAuth endpoints under it, Gmail `rootUrl` is `url + '/'`. */
  url: string;
  port: number;
  sandbox: GmailSandbox;
  close(): Promise<void>;
};

/** The sandbox's own libsql database; a file's folder is created. */
export async function openSandboxDatabase(dbUrl: string) {
  // Every mailbox, unsubscribe links included: the owner's alone (0600, folder 0700).
  preparePrivateDatabaseFile(dbUrl);
  // One connection: a second one would see SQLITE_BUSY (see NOTES-TOOLING, libsql 0.18).
  const db = createClient({ url: dbUrl, concurrency: 1 });
  if (dbUrl.startsWith('file:')) {
    await db.execute('PRAGMA journal_mode = WAL');
    await db.execute('PRAGMA busy_timeout = 5000');
  }
  return db;
}

export async function startGmailSandboxServer(
  options: { port?: number; hostname?: string; dbUrl?: string; clock?: SandboxClock; accessTokenTtlMs?: number; random?: () => number } = {},
): Promise<GmailSandboxServer> {
  const db = await openSandboxDatabase(options.dbUrl ?? ':memory:');
  const hostname = options.hostname ?? '127.0.0.1';
  let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const server = serve({ fetch: (request) => handler(request), port: options.port ?? 0, hostname });
  await new Promise<void>((resolveListening, reject) => {
    server.once('listening', () => resolveListening());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostname}:${port}`;
  const sandbox = createGmailSandbox({
    db,
    clock: options.clock ?? { now: () => new Date() },
    basePath: url,
    ...(options.accessTokenTtlMs !== undefined ? { accessTokenTtlMs: options.accessTokenTtlMs } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  await sandbox.ready;
  handler = sandbox.app.fetch;
  return {
    url,
    port,
    sandbox,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      db.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startGmailSandboxServer({
    port: Number(process.env.GMAIL_SANDBOX_PORT ?? 8788),
    dbUrl: process.env.GMAIL_SANDBOX_DB ?? 'file:./data/gmail-sandbox.db',
  });
  console.log(`Gmail sandbox on ${server.url}/ (viewer), Gmail rootUrl ${server.url}/`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
}
