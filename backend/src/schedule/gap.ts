/** Pauses between two messages from one account. */

export type GapSeconds = { minGapSeconds: number; maxGapSeconds: number };
export type ThrottleGap = { minGapSeconds?: number | undefined; maxGapSeconds?: number | undefined };

/**
 * The gap bounds an account uses in a campaign. A campaign's throttle can only slow an account
 * down, never push it past the pace its owner set: each bound is the larger of the two, and the
 * maximum is never below the minimum.
 *
 * @example
 * effectiveGap({ minGapSeconds: 60, maxGapSeconds: 180 }, { minGapSeconds: 240 });
 * // { minGapSeconds: 240, maxGapSeconds: 240 }
 */
export function effectiveGap(account: GapSeconds, throttle?: ThrottleGap): GapSeconds {
  const minGapSeconds = Math.max(account.minGapSeconds, throttle?.minGapSeconds ?? 0);
  const maxGapSeconds = Math.max(account.maxGapSeconds, throttle?.maxGapSeconds ?? 0, minGapSeconds);
  return { minGapSeconds, maxGapSeconds };
}

/**
 * A random pause, uniform between `minSeconds` and `maxSeconds`, in whole milliseconds. Even
 * spacing is what spam filters notice; `random` is injected so tests are deterministic.
 *
 * @example
 * randomGapMs(60, 180, Math.random); // between 60_000 and 180_000
 */
export function randomGapMs(minSeconds: number, maxSeconds: number, random: () => number): number {
  const high = Math.max(minSeconds, maxSeconds);
  return Math.round((minSeconds + random() * (high - minSeconds)) * 1000);
}
