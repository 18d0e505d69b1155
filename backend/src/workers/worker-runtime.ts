import { assertTokensReadable } from '../accounts/token-keys';
import { createApp, type App } from '../app';
import type { AppDeps } from '../deps';
import { createTokenCipher } from '../crypto/token-cipher';
import { gmailSandboxEndpoints, googleProductionEndpoints } from '../gmail/google-endpoints';
import { clientAddressResolver } from '../http/client-address';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
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
 * ENCRYPTION_KEY cannot read the Gmail tokens already stored.
 *
 * @example const { app } = await workerRuntime(env); return app.fetch(request, env, ctx);
 */
export async function workerRuntime(env: WorkerEnv): Promise<WorkerRuntime> {
  const cached = runtimes.get(env);
  if (cached) return cached;
  const { config, settings } = parseWorkerConfig(env, { version: packageJson.version });
  const logger = createLogger();
  const { db } = openWebDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const sandboxUrl = config.gmailSandboxUrl;
  const tokenCipher = await createTokenCipher(config.encryptionKey, config.previousEncryptionKeys);
  // As Node refuses to start: a wrong ENCRYPTION_KEY answers every request with the configuration
  // error, instead of showing up later as mail that never goes out.
  await assertTokensReadable({ db, tokenCipher });
  const deps: AppDeps = {
    config,
    db,
    clock: systemClock,
    logger,
    tokenCipher,
    google: config.google
      ? googleProductionEndpoints(config.google)
      : gmailSandboxEndpoints({ browserBase: sandboxUrl!, serverBase: sandboxUrl!, gmailRootUrl: sandboxUrl! }),
    trackingEvents: createWaitUntilEventSink(db, logger),
    // Cloudflare puts the visitor's address in CF-Connecting-IP; there is no socket to ask.
    clientAddress: clientAddressResolver(config.trustProxy, (c) => c.req.header('cf-connecting-ip')),
  };
  const runtime = runtimes.get(env) ?? { app: createApp(deps), deps, settings };
  runtimes.set(env, runtime);
  return runtime;
}
