import type { Context } from 'hono';
import type { Config } from './config/config';
import type { TokenCipher } from './crypto/token-cipher';
import type { GoogleEndpoints } from './gmail/google-endpoints';
import type { TrackingEventSink } from './tracking-event-sink';
import type { Database } from './db/database';
import type { DnsResolver } from './dns/dns-resolver';
import type { QuotaBudget } from './limits/quota-budget';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';

/**
 * Everything the app needs from its runtime. The Node and Workers entrypoints build this; the core
 * never imports a runtime-specific module.
 */
export type AppDeps = {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Seals and opens Gmail OAuth tokens (ENCRYPTION_KEY). */
  tokenCipher: TokenCipher;
  /** Google's endpoints, or the Gmail sandbox's. */
  google: GoogleEndpoints;
  /** Each account's Gmail quota units over the last minute, shared by the API and the scheduler of this process. */
  quota: QuotaBudget;
  /** Cached, time-bounded DNS lookups (backend/src/dns/): sender authentication and list hygiene. */
  dns: DnsResolver;
  /** Opens and clicks, queued and written in batches (tracking/event-writer.ts). */
  trackingEvents: TrackingEventSink;
  /** The client's address as the runtime sees it (socket peer on Node, CF-Connecting-IP on Workers). */
  clientAddress: (c: Context) => string | undefined;
};
