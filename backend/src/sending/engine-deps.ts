import type { AccountClientDeps } from '../accounts/account-client';

/**
 * What the sending engine needs: the app's database, clock and Google wiring, plus a random source
 * (gaps, jitter) and an identity for its claims. Tests pass a fake clock and a seeded random.
 */
export type EngineDeps = AccountClientDeps & {
  random: () => number;
  /** Names this scheduler in its claims (two schedulers on one database never take the same job). */
  workerId: string;
  /** How long a claimed job stays ours; past it, another scheduler may recover the job. */
  leaseMs: number;
};

export const DEFAULT_LEASE_MS = 2 * 60_000;
