import { inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { loginFailures } from '../db/schema';

/**
 * Failed sign-ins are counted per email (guessing one account's password) and per client address
 * (trying many accounts). Past the limit within the window, that key is refused for BLOCK_MS with
 * 429 and Retry-After, even when the password is right.
 */
const WINDOW_MS = 15 * 60_000;
const BLOCK_MS = 15 * 60_000;
const LIMITS = { email: 5, address: 30 } as const;

type Deps = Pick<AppDeps, 'db' | 'clock'>;
export type ThrottleKeys = { email: string; address: string | undefined };

function keysOf(keys: ThrottleKeys): { key: string; limit: number }[] {
  const list: { key: string; limit: number }[] = [{ key: `email:${keys.email}`, limit: LIMITS.email }];
  if (keys.address) list.push({ key: `address:${keys.address}`, limit: LIMITS.address });
  return list;
}

/** Seconds until sign-in may be tried again for these keys, or 0 when it may be tried now. */
export async function secondsUntilAllowed(deps: Deps, keys: ThrottleKeys): Promise<number> {
  const now = deps.clock.now().getTime();
  const rows = await deps.db
    .select({ blockedUntil: loginFailures.blockedUntil })
    .from(loginFailures)
    .where(inArray(loginFailures.key, keysOf(keys).map((k) => k.key)));
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** One atomic upsert per key, so parallel guesses cannot slip past the count. */
export async function recordFailure(deps: Deps, keys: ThrottleKeys): Promise<void> {
  const now = deps.clock.now().getTime();
  const windowStart = now - WINDOW_MS;
  for (const { key, limit } of keysOf(keys)) {
    await deps.db.run(sql`
      INSERT INTO login_failures (key, failures, window_started_at, blocked_until)
      VALUES (${key}, 1, ${now}, ${limit <= 1 ? now + BLOCK_MS : null})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN window_started_at < ${windowStart} THEN 1 ELSE failures + 1 END,
        window_started_at = CASE WHEN window_started_at < ${windowStart} THEN ${now} ELSE window_started_at END,
        blocked_until = CASE
          WHEN window_started_at >= ${windowStart} AND failures + 1 >= ${limit} THEN ${now + BLOCK_MS}
          ELSE blocked_until END`);
  }
}

/** A successful sign-in clears the account's count (not the address's: one good password proves nothing about the others). */
export async function clearFailures(deps: Deps, keys: ThrottleKeys): Promise<void> {
  await deps.db.delete(loginFailures).where(inArray(loginFailures.key, [`email:${keys.email}`]));
}
