import type { AppDeps } from '../deps';
import type { EngineDeps } from '../sending/engine-deps';

/**
 * The sending engine's dependencies from the app's: Math.random for gaps and jitter, and the
 * identity its claims carry (`workerId`, unique per process or cron run, so two schedulers on one
 * database never take the same job).
 *
 * @example schedulerDeps(deps, `worker-${crypto.randomUUID()}`)
 */
export function schedulerDeps(deps: AppDeps, workerId: string): EngineDeps {
  return { ...deps, random: Math.random, workerId, leaseMs: deps.config.sendLeaseMs };
}
