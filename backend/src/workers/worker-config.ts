import * as z from 'zod';
import { ConfigError, parseConfig, type Config } from '../config/config';

/**
 * The Worker's bindings: every `vars` entry of wrangler.jsonc and every `wrangler secret put`
 * arrives as a string property of `env` (the same names as the Node server's environment).
 */
export type WorkerEnv = Record<string, unknown>;

/** Settings only the Workers runtime has: how long one cron invocation keeps ticking. */
export type WorkerSettings = {
  /** Wall time one `scheduled()` spends ticking; below the cron's minute, so invocations rarely overlap. */
  schedulerBudgetMs: number;
  /** Sends per tick: a tick cannot be interrupted, so a small cap keeps it inside the budget. */
  maxSendsPerTick: number;
};

const workerSchema = z.object({
  SCHEDULER_BUDGET_MS: z.coerce.number().int().min(0).max(14 * 60_000).default(50_000),
  SCHEDULER_MAX_SENDS_PER_TICK: z.coerce.number().int().positive().default(50),
});

/**
 * Parses the Worker's bindings with the same `parseConfig` as Node, plus what only a Worker needs to
 * refuse: an embedded `file:` database (workerd has no file system), a missing PUBLIC_URL (a Worker
 * cannot know the address people reach it at, and a cron run has no request to guess it from), and no
 * Google client (the built-in sandbox needs a local database; `GMAIL_SANDBOX_URL` names one elsewhere).
 *
 * @example const { config, settings } = parseWorkerConfig(env, { version: '0.1.0' })
 */
export function parseWorkerConfig(env: WorkerEnv, options: { version: string }): { config: Config; settings: WorkerSettings } {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const problems: string[] = [];
  if (!strings.DATABASE_URL) problems.push('DATABASE_URL: set it to your Turso database (libsql://<db>-<org>.turso.io)');
  else if (strings.DATABASE_URL.startsWith('file:')) problems.push('DATABASE_URL: a Worker has no file system; use libsql:// or https://');
  if (!strings.PUBLIC_URL) problems.push('PUBLIC_URL: set it to the address of this Worker (https://…workers.dev or your domain)');
  if (!strings.GOOGLE_CLIENT_ID && !strings.GMAIL_SANDBOX_URL) {
    problems.push('GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET: a Worker cannot host the Gmail sandbox; set a Google OAuth client');
  }
  const worker = workerSchema.safeParse(Object.fromEntries(Object.entries(strings).filter(([, value]) => value !== '')));
  if (!worker.success) problems.push(...worker.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  return {
    config: parseConfig(strings, options),
    settings: { schedulerBudgetMs: worker.data!.SCHEDULER_BUDGET_MS, maxSendsPerTick: worker.data!.SCHEDULER_MAX_SENDS_PER_TICK },
  };
}
