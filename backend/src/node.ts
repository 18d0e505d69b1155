/**
 * Node entrypoint: the embedded SQLite file, generated local secrets, the hosted Gmail sandbox, the
 * HTTP server and the scheduler timer. The app's dependencies come from `buildAppDeps`, as on
 * Workers; all the product lives in `createApp`. This file only wires the runtime.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config/config';
import { withLocalSecrets } from './config/local-secrets';
import { openDatabase } from './db/open-database';
import { ensurePrivateFolder } from './db/private-files';
import { mountedSandboxEndpoints, mountGmailSandbox } from './gmail-sandbox/mount-sandbox';
import { openSandboxDatabase } from './gmail-sandbox/node-server';
import { answerClientErrors } from './http/node-client-errors';
import { startSchedulerLoop } from './sending/scheduler-loop';
import { createEventWriter, type TrackingEventSink } from './tracking/event-writer';
import { createThreadedEventWriter } from './tracking/threaded-event-writer';
import { systemClock } from './lib/clock';
import { createLogger } from './lib/logger';
import { buildAppDeps } from './wiring/build-app-deps';
import { nodeDnsResolver } from './dns/node-resolver';
import { schedulerDeps } from './wiring/scheduler-deps';

const logger = createLogger();

/**
 * On the embedded file a write runs on the calling thread: opens and clicks are written by a worker
 * thread instead (tracking/threaded-event-writer.ts, issue 17). A remote database's writes are I/O already.
 */
const nodeTrackingEvents = (databaseUrl: string, inThread: TrackingEventSink): TrackingEventSink =>
  databaseUrl.startsWith('file:') ? createThreadedEventWriter({ databaseUrl, flushAfterMs: 100, fallback: inThread, logger }) : inThread;

export async function startNodeServer(env: Record<string, string | undefined> = process.env) {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const dataDir = env.DATA_DIR || './data';
  if (ensurePrivateFolder(dataDir).openToOthers) logger.warn('the data folder can be opened by other users of this machine: chmod 700 it', { dataDir });
  const config = parseConfig(withLocalSecrets(env, dataDir, (message) => logger.info(message)), { version });
  const { db, client } = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const sandboxUrls = { publicUrl: config.publicUrl, serverOrigin: `http://127.0.0.1:${config.port}` };
  const hostsSandbox = !config.google && !config.gmailSandboxUrl;
  const deps = await buildAppDeps({
    config,
    db,
    logger,
    trackingEvents: nodeTrackingEvents(config.databaseUrl, createEventWriter(db, { flushAfterMs: 100, logger })),
    peerAddress: (c) => getConnInfo(c).remote.address,
    hostedSandbox: hostsSandbox ? mountedSandboxEndpoints(sandboxUrls) : undefined,
    dnsTransport: nodeDnsResolver({ servers: config.dns.servers }),
  });
  const sandboxDb = hostsSandbox ? await openSandboxDatabase(`file:${join(dataDir, 'gmail-sandbox.db')}`) : null;
  const app = createApp(deps, {
    mountBeforeLimits: sandboxDb ? (root) => mountGmailSandbox(root, { ...sandboxUrls, db: sandboxDb, clock: systemClock }) : undefined,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: env.HOST || '127.0.0.1' });
  // serve() without `createServer` options makes a plain node:http server.
  answerClientErrors(server as Server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  logger.info('iConnect is running', {
    dashboard: config.publicUrl,
    // A database URL may carry credentials in its query string; log the location only.
    database: config.databaseUrl.split('?')[0],
    gmail: deps.google.sandboxViewerUrl !== null ? `sandbox at ${deps.google.sandboxViewerUrl}/` : 'Google',
    scheduler: config.schedulerEnabled ? `every ${config.schedulerIntervalMs} ms` : 'off',
    version,
  });
  const workerId = `node-${hostname()}-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const scheduler = config.schedulerEnabled ? startSchedulerLoop(schedulerDeps(deps, workerId), { intervalMs: config.schedulerIntervalMs, logger }) : null;

  const stop = async () => {
    // The scheduler first: a message in flight is recorded before the database closes.
    await scheduler?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // After the last request, before the database closes: no tracking event is lost.
    await deps.trackingEvents.close();
    client.close();
    sandboxDb?.close();
  };
  return { config, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { stop } = await startNodeServer();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        logger.info('shutting down', { signal });
        stop().then(() => process.exit(0), () => process.exit(1));
      });
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
