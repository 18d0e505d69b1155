import type { AbTest } from '../../../shared/schemas/variants';

/**
 * The A/B split (issue 18), one rule for launch, the engine, the preflight and the estimate. A
 * recipient's split key k is their 0-based place among the first-message jobs a launch writes
 * (recipient id order); every follow-up job of theirs carries the same key.
 *
 * - Without a test: the first message's variant is k mod n (n: its variants).
 * - With a test of p percent: k is in the test when ceil((k+1)p/100) > ceil(kp/100), so the first
 *   recipient is, and the ceil(N p/100) test recipients are spread evenly through the list; their
 *   variant is ceil(kp/100) mod n. The others are held: variant null, due at AB_HELD_DUE_AT, until
 *   the winner is picked (pick-winner.ts, release-held.ts).
 * - A follow-up with variants: k mod n of that step, decided when it is sent.
 */

/** The largest time a Date holds (ms): a held job is due then, so no claim (due_at <= now) ever takes it. */
export const AB_HELD_DUE_AT = 8_640_000_000_000_000;

/** Variants a step really has: a list of one (or none) is no split. */
export const variantCountOf = (variants: readonly unknown[] | undefined) => (variants && variants.length >= 2 ? variants.length : 0);

/** ceil(x / 100) for x >= 0 in whole numbers (the same as the SQL below: no floating point). */
const ceilPercent = (x: number) => Math.floor((x + 99) / 100);

/** Whether the recipient with split key k is in a test of `percent`. */
export function inAbTest(k: number, percent: number): boolean {
  return ceilPercent((k + 1) * percent) > ceilPercent(k * percent);
}

/** How many of `recipients` a test of `percent` sends to first: ceil(N p / 100). */
export function abTestShare(recipients: number, percent: number): number {
  return ceilPercent(recipients * percent);
}

/**
 * The first message's variant for split key k: a number, null when the step has no variants, or
 * 'held' when the recipient waits for the test's winner.
 */
export function firstMessageVariant(k: number, variantCount: number, abTest: Pick<AbTest, 'testPercent'> | null): number | null | 'held' {
  if (variantCount < 2) return null;
  if (!abTest) return k % variantCount;
  return inAbTest(k, abTest.testPercent) ? ceilPercent(k * abTest.testPercent) % variantCount : 'held';
}

/** A follow-up's variant for split key k (null: the step has no variants). */
export function followUpVariant(k: number, variantCount: number): number | null {
  return variantCount < 2 ? null : k % variantCount;
}

/**
 * The same rule as SQL over a split-key expression, for the launch's INSERT … SELECT: the variant
 * and the due time of each first-message job (`dueAt`, or AB_HELD_DUE_AT for a held one).
 * Whole numbers only, so SQLite's integer division is the ceil above.
 */
export function firstMessageSplitSql(k: string, variantCount: number, abTest: Pick<AbTest, 'testPercent'> | null, dueAt: number) {
  const n = Math.trunc(variantCount);
  if (n < 2) return { variant: 'NULL', dueAt: String(dueAt) };
  if (!abTest) return { variant: `(${k}) % ${n}`, dueAt: String(dueAt) };
  const p = Math.trunc(abTest.testPercent);
  const inTest = `((((${k}) + 1) * ${p} + 99) / 100 > ((${k}) * ${p} + 99) / 100)`;
  return {
    variant: `CASE WHEN ${inTest} THEN (((${k}) * ${p} + 99) / 100) % ${n} ELSE NULL END`,
    dueAt: `CASE WHEN ${inTest} THEN ${dueAt} ELSE ${AB_HELD_DUE_AT} END`,
  };
}
