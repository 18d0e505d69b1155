import { sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';

/**
 * Counts password attempts per key (an email, a client address, a signed-in user) and refuses
 * them past a limit, for sign-in (login-throttle.ts) and step-up checks (step-up.ts).
 *
 * An attempt is RESERVED before the password is hashed, with one conditional write: it counts
 * only while no key is blocked, and the write that reaches a key's limit blocks that key. SQLite
 * runs each statement alone, so N parallel attempts count as N and at most `limit` of them ever
 * reach the (slow) password check; reading "blocked?" first and writing the failure after the hash
 * let every parallel guess through (issue 12). One statement, no interactive transaction: it
 * works the same on an embedded file and over HTTP to a libsql server (Turso).
 *
 * A success gives its reservation back (`settleAttempt`); a failure keeps it.
 *
 * @example
 * const attempt = await reserveAttempt(deps, [{ key: `email:${email}`, limit: 5 }], LOGIN_POLICY);
 * if (!attempt.allowed) throw tooMany(attempt.retryAfterSeconds);
 * const valid = await verifyPassword(password, hash);
 * await settleAttempt(deps, attempt.reservation, valid ? 'succeeded' : 'failed');
 */

export type ThrottleKey = { key: string; limit: number };
/** How long attempts are counted together, and how long a key stays blocked once it reaches its limit. */
export type ThrottlePolicy = { windowMs: number; blockMs: number };

type ReservedKey = ThrottleKey & { count: number; windowStartedAt: number };
export type Reservation = { keys: ReservedKey[]; policy: ThrottlePolicy };

export type ReserveResult = { allowed: true; reservation: Reservation } | { allowed: false; retryAfterSeconds: number };

type Deps = Pick<AppDeps, 'db' | 'clock'>;

export async function reserveAttempt(deps: Deps, keys: ThrottleKey[], policy: ThrottlePolicy): Promise<ReserveResult> {
  const now = deps.clock.now().getTime();
  const windowStart = now - policy.windowMs;
  const blockedUntil = now + policy.blockMs;
  const names = sql.join(keys.map((k) => sql`${k.key}`), sql`, `);
  const wanted = sql.join(keys.map((k) => sql`(${k.key}, ${k.limit})`), sql`, `);
  const limitOf = sql.join(keys.map((k) => sql`WHEN ${k.key} THEN ${k.limit}`), sql` `);
  // Counts hold email and IP addresses: drop every one that no longer counts (its window is over
  // and it blocks nothing), so they are kept only while they serve (the privacy page says so).
  await deps.db.run(sql`DELETE FROM login_failures WHERE window_started_at <= ${windowStart} AND (blocked_until IS NULL OR blocked_until <= ${now})`);
  // The SELECT reads the table it inserts into, so SQLite evaluates it in full before the first
  // row is written: the attempt that blocks one key still counts on the others. Its WHERE is also
  // what SQLite asks of an INSERT … SELECT with an upsert clause (no parsing ambiguity).
  const rows = await deps.db.all<{ key: string; failures: number; window_started_at: number }>(sql`
    INSERT INTO login_failures (key, failures, window_started_at, blocked_until)
    SELECT wanted.column1, 1, ${now}, CASE WHEN wanted.column2 <= 1 THEN ${blockedUntil} END
    FROM (VALUES ${wanted}) AS wanted
    WHERE NOT EXISTS (SELECT 1 FROM login_failures WHERE key IN (${names}) AND blocked_until > ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN window_started_at <= ${windowStart} THEN 1 ELSE failures + 1 END,
      window_started_at = CASE WHEN window_started_at <= ${windowStart} THEN ${now} ELSE window_started_at END,
      blocked_until = CASE
        WHEN (CASE WHEN window_started_at <= ${windowStart} THEN 1 ELSE failures + 1 END) >= (CASE key ${limitOf} END)
        THEN ${blockedUntil} END
    RETURNING key, failures, window_started_at`);
  if (rows.length < keys.length) return { allowed: false, retryAfterSeconds: await secondsBlocked(deps, keys) };
  return {
    allowed: true,
    reservation: {
      policy,
      keys: keys.map((k) => {
        const row = rows.find((r) => r.key === k.key)!;
        return { ...k, count: Number(row.failures), windowStartedAt: Number(row.window_started_at) };
      }),
    },
  };
}

/**
 * Seconds until a key that this failed attempt blocked opens again, or 0 when it blocked none.
 * The attempt that reaches the limit is answered 429 at once: it was the last one allowed.
 */
export function secondsBlockedBy(reservation: Reservation): number {
  return reservation.keys.some((k) => k.count >= k.limit) ? Math.ceil(reservation.policy.blockMs / 1000) : 0;
}

/**
 * A failure keeps its reservation (the count stands). A success gives it back: `forget` keys are
 * deleted (a right password clears its account's count), the others count one attempt less, and a
 * block this attempt set is lifted: it was the right password, not a guess.
 */
export async function settleAttempt(
  deps: Deps,
  reservation: Reservation,
  outcome: 'succeeded' | 'failed',
  forget: (key: string) => boolean = () => false,
): Promise<void> {
  if (outcome === 'failed') return;
  const [first, ...rest] = reservation.keys.map((k) =>
    forget(k.key)
      ? deps.db.run(sql`DELETE FROM login_failures WHERE key = ${k.key}`)
      : deps.db.run(sql`
          UPDATE login_failures SET
            failures = max(failures - 1, 0),
            blocked_until = ${k.count >= k.limit ? null : sql`blocked_until`}
          WHERE key = ${k.key} AND window_started_at = ${k.windowStartedAt}`),
  );
  if (first) await deps.db.batch([first, ...rest]);
}

async function secondsBlocked(deps: Deps, keys: ThrottleKey[]): Promise<number> {
  const now = deps.clock.now().getTime();
  const names = sql.join(keys.map((k) => sql`${k.key}`), sql`, `);
  const [row] = await deps.db.all<{ until: number | null }>(
    sql`SELECT max(blocked_until) AS until FROM login_failures WHERE key IN (${names})`,
  );
  const until = Number(row?.until ?? 0);
  // Blocked when the write ran, opened since: one second, and the client tries again.
  return until > now ? Math.ceil((until - now) / 1000) : 1;
}
