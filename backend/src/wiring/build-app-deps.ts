import type { Context } from 'hono';
import { assertTokensReadable } from '../accounts/token-keys';
import type { Config } from '../config/config';
import { createTokenCipher } from '../crypto/token-cipher';
import type { Database } from '../db/database';
import { appDnsResolver } from '../dns/create-dns';
import type { DnsResolver } from '../dns/dns-resolver';
import type { AppDeps } from '../deps';
import { gmailSandboxEndpoints, googleProductionEndpoints, type GoogleEndpoints } from '../gmail/google-endpoints';
import { clientAddressResolver } from '../http/client-address';
import { createQuotaBudget } from '../limits/quota-budget';
import { systemClock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { TrackingEventSink } from '../tracking-event-sink';

/** What only a runtime can provide; everything else in `AppDeps` is made the same way everywhere. */
export type RuntimeParts = {
  config: Config;
  db: Database;
  logger: Logger;
  /** How opens and clicks reach the database: a batching timer on Node, `ctx.waitUntil` on Workers. */
  trackingEvents: TrackingEventSink;
  /** The peer's address as the runtime sees it: the socket on Node, CF-Connecting-IP on Workers. */
  peerAddress: (c: Context) => string | undefined;
  /**
   * The Gmail sandbox this server serves itself, used when neither Google credentials nor
   * GMAIL_SANDBOX_URL are configured. Node only: a Worker has no local database to host one.
   */
  hostedSandbox?: GoogleEndpoints | undefined;
  /** How this runtime looks names up (Node: `nodeDnsResolver`); absent: DNS over HTTPS (dns/create-dns.ts). */
  dnsTransport?: DnsResolver | undefined;
};

/**
 * The app's dependencies, built the same way for Node (`node.ts`) and Workers
 * (`workers/worker-runtime.ts`): the token cipher, the Google endpoints, the client-address rule and
 * the clock. Throws ConfigError when ENCRYPTION_KEY cannot read the Gmail tokens already stored: a
 * wrong key refuses to start, instead of showing up later as mail that never goes out.
 *
 * @example const deps = await buildAppDeps({ config, db, logger, trackingEvents, peerAddress: (c) => c.req.header('cf-connecting-ip') })
 */
export async function buildAppDeps(parts: RuntimeParts): Promise<AppDeps> {
  const { config, db } = parts;
  const tokenCipher = await createTokenCipher(config.encryptionKey, config.previousEncryptionKeys);
  await assertTokensReadable({ db, tokenCipher });
  return {
    config,
    db,
    clock: systemClock,
    logger: parts.logger,
    tokenCipher,
    google: googleEndpointsFor(config, parts.hostedSandbox),
    quota: createQuotaBudget({ unitsPerMinute: config.gmailQuotaUnitsPerUserMinute }),
    trackingEvents: parts.trackingEvents,
    dns: appDnsResolver(config.dns, parts.dnsTransport),
    clientAddress: clientAddressResolver(config.trustProxy, parts.peerAddress),
  };
}

/** Google when its client is configured, else a sandbox elsewhere (GMAIL_SANDBOX_URL), else our own. */
function googleEndpointsFor(config: Config, hostedSandbox: GoogleEndpoints | undefined): GoogleEndpoints {
  if (config.google) return googleProductionEndpoints(config.google);
  const url = config.gmailSandboxUrl;
  if (url) return gmailSandboxEndpoints({ browserBase: url, serverBase: url, gmailRootUrl: url });
  // parseWorkerConfig refuses this case on Workers; Node always passes its hosted sandbox.
  if (!hostedSandbox) throw new Error('no Google client, no GMAIL_SANDBOX_URL and no hosted sandbox');
  return hostedSandbox;
}
