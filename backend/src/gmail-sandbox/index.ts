import type { Client } from '@libsql/client';
import { Hono } from 'hono';
import { gmailJsonBodyLimit, sandboxBodyLimit, uploadBodyLimit } from './body-limits';
import { controlRoutes } from './control-routes';
import { createFaultRegistry, type FaultRegistry } from './faults';
import { gmailRoutes } from './gmail-routes';
import { createMailboxStore } from './mailbox-store';
import { oauthRoutes } from './oauth-routes';
import { ownHostOnly } from './own-host-only';
import { createProjectSettings } from './project-settings';
import { createQuotaLedger } from './quota-ledger';
import type { SandboxClock, SandboxDeps } from './sandbox-deps';
import { ensureSandboxSchema } from './schema';
import { createSendLog } from './send-log';
import { createSerialQueue } from './serial-queue';
import { createTokenStore } from './token-store';
import { viewerRoutes } from './viewer';

export type GmailSandboxOptions = {
  /** The sandbox's own database (tables `sandbox_*`). Open file databases with `concurrency: 1`. */
  db: Client;
  clock: SandboxClock;
  /** Google's access tokens live an hour; tests shorten it to see refreshes. */
  accessTokenTtlMs?: number;
  /** Public URL of the mount point, e.g. `http://127.0.0.1:8787/sandbox/google` (used in links). */
  basePath: string;
  /** Source for `rate` faults; pass `seededRandom(n)` from ./faults for reproducible tests. */
  random?: () => number;
};

export type GmailSandbox = {
  /**
   * Everything: OAuth, Gmail API (`/gmail/v1/...`), control API and viewer. Mount at `basePath`.
   * Like `gmailApi`, it answers only requests naming `basePath`'s host or a loopback name
   * (own-host-only.ts: no DNS rebinding).
   */
  app: Hono;
  /**
   * The Gmail API routes alone (paths start with `/gmail/v1/` and `/upload/gmail/v1/`). Mount them
   * at the ORIGIN ROOT of the host app: googleapis-common resolves request paths with
   * `new URL('/gmail/v1/...', rootUrl)`, which drops any path in `rootUrl`.
   */
  gmailApi: Hono;
  faults: FaultRegistry;
  /** Resolves once the sandbox tables exist (requests wait for it anyway). */
  ready: Promise<void>;
};

/**
 * A local emulation of Google's OAuth 2.0 endpoints and the Gmail API methods iConnect uses,
 * for running without Google credentials and for tests with fault injection. Runtime-free: it
 * takes its database, clock and random source as arguments.
 *
 * @example
 * const sandbox = createGmailSandbox({ db, clock: systemClock, basePath: 'http://127.0.0.1:8787/sandbox/google' });
 * app.route('/sandbox/google', sandbox.app);
 * app.route('/', sandbox.gmailApi); // rootUrl: 'http://127.0.0.1:8787/'
 */
export function createGmailSandbox(options: GmailSandboxOptions): GmailSandbox {
  const ready = ensureSandboxSchema(options.db);
  ready.catch(() => undefined); // surfaced by the middleware below, per request
  const deps: SandboxDeps = {
    db: options.db,
    clock: options.clock,
    accessTokenTtlMs: options.accessTokenTtlMs ?? 3_600_000,
    basePath: options.basePath.replace(/\/+$/, ''),
    mailboxes: createMailboxStore(options.db),
    tokens: createTokenStore(options.db),
    faults: createFaultRegistry(options.random ?? Math.random),
    quota: createQuotaLedger(),
    project: createProjectSettings(options.db),
    serial: createSerialQueue(),
    sends: createSendLog(),
  };

  const schemaReady = async (_c: unknown, next: () => Promise<void>) => {
    await ready;
    await next();
  };
  const withSchema = (app: Hono) => app.use(schemaReady);

  // Every route, not only the viewer and control API: through the consent page and the token
  // endpoint (no client secret is checked) a rebound page could get a token for any mailbox.
  const ownHost = ownHostOnly(deps.basePath);
  const gmailApi = new Hono();
  // Mounted at the host app's root: guard the API's own paths, not the host's other routes.
  gmailApi.use('/gmail/v1/*', ownHost, gmailJsonBodyLimit, schemaReady).use('/upload/gmail/v1/*', ownHost, uploadBodyLimit, schemaReady);
  gmailApi.route('/', gmailRoutes(deps));
  const app = new Hono();
  app.use(ownHost, sandboxBodyLimit);
  withSchema(app)
    .route('/', oauthRoutes(deps))
    .route('/', gmailRoutes(deps))
    .route('/', controlRoutes(deps))
    .route('/', viewerRoutes(deps));
  return { app, gmailApi, faults: deps.faults, ready };
}

export { seededRandom } from './faults';
export type { FaultSpec } from './faults';
