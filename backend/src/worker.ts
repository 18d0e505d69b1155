/**
 * Cloudflare Workers entrypoint: the same app as Node (`createApp`, its dependencies from
 * `buildAppDeps`) over Turso, and the same scheduler loop from a Cron Trigger. All the product lives
 * in the core; this file only wires the runtime (see workers/ and wrangler.jsonc; deployment steps
 * in the README).
 */
import type { ExecutionContext } from 'hono';
import { ConfigError } from './config/config';
import { createLogger } from './lib/logger';
import { schedulerDeps } from './wiring/scheduler-deps';
import { runTicksWithinBudget } from './workers/scheduled-ticks';
import type { WorkerEnv } from './workers/worker-config';
import { workerRuntime } from './workers/worker-runtime';

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let runtime;
    try {
      runtime = await workerRuntime(env);
    } catch (error) {
      // Nothing is kept from a failed start: the next request tries again.
      if (error instanceof ConfigError) {
        // The message names variables, never values; it goes to the Worker's logs, not to the visitor.
        console.error(error.message);
        return new Response('This server is not configured correctly: see its logs.', { status: 500 });
      }
      createLogger().error('start-up failed', { error });
      return new Response('The server cannot reach its database; try again shortly.', { status: 503, headers: { 'Retry-After': '5' } });
    }
    return runtime.app.fetch(request, env, ctx);
  },

  /** Every minute (wrangler.jsonc `triggers.crons`): ticks until the minute's budget is used. */
  async scheduled(_controller: { scheduledTime: number; cron: string }, env: WorkerEnv): Promise<void> {
    const { deps, settings } = await workerRuntime(env);
    // A new identity per run: claims name the scheduler that holds them.
    await runTicksWithinBudget(schedulerDeps(deps, `worker-${crypto.randomUUID().slice(0, 13)}`), {
      budgetMs: settings.schedulerBudgetMs,
      intervalMs: deps.config.schedulerIntervalMs,
      maxSendsPerTick: settings.maxSendsPerTick,
      logger: deps.logger,
    });
  },
};
