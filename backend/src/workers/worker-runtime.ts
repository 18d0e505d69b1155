import { createApp, type App } from '../app';
import type { AppDeps } from '../deps';
import { createLogger } from '../lib/logger';
import { buildAppDeps } from '../wiring/build-app-deps';
import packageJson from '../../../package.json';
import { openWebDatabase } from './open-web-database';
import { createWaitUntilEventSink } from './wait-until-event-sink';
import { parseWorkerConfig, type WorkerEnv, type WorkerSettings } from './worker-config';

export type WorkerRuntime = { app: App; deps: AppDeps; settings: WorkerSettings };

/** One runtime per isolate (and per `env`, which an isolate keeps for its life). */
const runtimes = new WeakMap<WorkerEnv, WorkerRuntime>();

/**
 * The app and its dependencies for this Worker's bindings, built on the first request or cron run
 * of an isolate and kept while it lives. Only the finished runtime is kept, never a promise of one:
 * a promise made in one request and awaited by another dies with the first if it is cancelled.
 * Throws ConfigError (naming variables, never values) when the bindings are wrong, or when
 * ENCRYPTION_KEY cannot read the Gmail tokens already stored (as Node refuses to start, every
 * request answers with the configuration error).
 *
 * @example const { app } = await workerRuntime(env); return app.fetch(request, env, ctx);
 */
export async function workerRuntime(env: WorkerEnv): Promise<WorkerRuntime> {
  const cached = runtimes.get(env);
  if (cached) return cached;
  const { config, settings } = parseWorkerConfig(env, { version: packageJson.version });
  const logger = createLogger();
  const { db } = openWebDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const deps = await buildAppDeps({
    config,
    db,
    logger,
    trackingEvents: createWaitUntilEventSink(db, logger),
    // Cloudflare puts the visitor's address in CF-Connecting-IP; there is no socket to ask.
    peerAddress: (c) => c.req.header('cf-connecting-ip'),
  });
  const runtime = runtimes.get(env) ?? { app: createApp(deps), deps, settings };
  runtimes.set(env, runtime);
  return runtime;
}
