import { createApp } from '../app';
import type { AppDeps } from '../deps';
import { parseConfig } from '../config/config';
import { openDatabase } from '../db/open-database';
import { createTokenCipher } from '../crypto/token-cipher';
import { gmailSandboxEndpoints, type GoogleEndpoints } from '../gmail/google-endpoints';
import type { BodyLimits } from '../http/body-limits';
import { fakeClock } from '../lib/clock';
import { createQuotaBudget } from '../limits/quota-budget';
import { createLogger, silentLogger } from '../lib/logger';
import { createEventWriter } from '../tracking/event-writer';
import { appDnsResolver } from '../dns/create-dns';
import { nodeDnsResolver } from '../dns/node-resolver';

/** Fixed test secrets: 32 bytes each, base64. Never used outside tests. */
export const TEST_SECRETS = {
  ENCRYPTION_KEY: 'dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=',
  AUTH_SECRET: 'dGVzdC1hdXRoLXNlY3JldC0zMi1ieXRlcy1sb25nISE=',
};

/** The discard port: nothing listens there, so a request fails at once and never leaves the machine. */
const CLOSED_PORT = 'http://127.0.0.1:9';

/**
 * The real app on a real (in-memory) libsql database with every migration applied, a fake clock,
 * and a logger whose lines the test can read. Nothing of ours is mocked.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; bodyLimits?: BodyLimits; google?: GoogleEndpoints; databaseUrl?: string } = {},
) {
  const { db, client } = await openDatabase({ url: options.databaseUrl ?? ':memory:' });
  const clock = fakeClock('2026-03-02T10:00:00Z');
  const logLines: string[] = [];
  const config = parseConfig({ NODE_ENV: 'test', ...TEST_SECRETS, ...options.env }, { version: 'test' });
  const deps: AppDeps = {
    // Flushed by tests (and on close), never on a timer: what a test reads is what it flushed.
    trackingEvents: createEventWriter(db, { flushAfterMs: null, logger: silentLogger }),
    config,
    db,
    clock,
    logger: createLogger((line) => logLines.push(line)),
    tokenCipher: await createTokenCipher(config.encryptionKey, config.previousEncryptionKeys),
    // Tests that talk to Google start the Gmail sandbox and pass its endpoints; the others get a
    // closed loopback port, so nothing can ever reach out.
    google: options.google ?? gmailSandboxEndpoints({ browserBase: CLOSED_PORT, serverBase: CLOSED_PORT, gmailRootUrl: CLOSED_PORT }),
    // As buildAppDeps makes it: GMAIL_QUOTA_UNITS_PER_USER_MINUTE from the test's env.
    quota: createQuotaBudget({ unitsPerMinute: config.gmailQuotaUnitsPerUserMinute }),
    // DNS_SERVERS from the test's env (a loopback DNS server); else the discard port: refused at once.
    dns: appDnsResolver(config.dns, nodeDnsResolver({ servers: config.dns.servers.length > 0 ? config.dns.servers : ['127.0.0.1:9'] })),
    // Tests pick the client's address with a header; the real runtimes take it from the socket.
    clientAddress: (c) => c.req.header('x-test-client-address') ?? '192.0.2.1',
  };
  const app = createApp(deps, { bodyLimits: options.bodyLimits });
  const close = async () => {
    await deps.trackingEvents.close();
    client.close();
  };
  return { app, deps, db, client, clock, config, logLines, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
