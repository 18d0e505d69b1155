import { sql, type SQL } from 'drizzle-orm';
import { campaigns } from '../db/schema';

/**
 * How long a draft's launch mark (launched_at, stamped by the launch before it writes its jobs in
 * slices: campaigns/campaign-state-machine.ts) stands for a launch under way. A launch of 100,000
 * recipients writes its slices in seconds; a mark older than this was left by a launch that crashed
 * between two slices, and must not keep the campaign's files locked for good. The launch itself
 * still goes by its own mark (a relaunch stamps a fresh one and rewrites the jobs).
 */
export const STALE_LAUNCH_MARK_MS = 5 * 60_000;

/**
 * Whether a launch is writing this draft's jobs now: files must not change under it.
 *
 * @example launchUnderWay(campaign.launchedAt, deps.clock.now())
 */
export function launchUnderWay(launchedAt: Date | null, now: Date): boolean {
  return launchedAt !== null && launchedAt.getTime() > now.getTime() - STALE_LAUNCH_MARK_MS;
}

/** {@link launchUnderWay} in SQL, on the campaigns row in scope (for a write that checks it itself). */
export function noLaunchUnderWaySql(now: Date): SQL {
  return sql`(${campaigns.launchedAt} IS NULL OR ${campaigns.launchedAt} <= ${now.getTime() - STALE_LAUNCH_MARK_MS})`;
}
