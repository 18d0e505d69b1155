import type { Warmup } from '../../../shared/schemas/accounts';
import { SUGGESTED_WARMUP, type AccountType } from '../../../shared/schemas/account-types';
import { GOOGLE_DAILY_LIMIT } from './account-types';
import { DAY_MS } from './daily-limits';

/**
 * Warm-up for a new account (issue 18): a daily limit that starts low and rises by a fixed step
 * each day until its target, so a new mailbox's volume grows the way a person's would. Day 0 is the
 * day it was switched on (`warmupStartedAt`), counted in whole 24-hour periods from that instant,
 * not calendar days: the limit it sets is checked over a rolling 24 hours like the account's own
 * (daily-limits.ts), and the engine, the waiting reason, the progress and the finish estimate all
 * read it from here.
 */

export type WarmupAccount = { dailyLimit: number; warmup: Warmup | null; warmupStartedAt: Date | null };

/**
 * The day of the ramp at `now` (0 on the day it was switched on), or null when warm-up is off.
 *
 * @example warmupDay({ warmup, warmupStartedAt: new Date('2026-03-02T10:00Z') }, new Date('2026-03-05T09:00Z')) // 2
 */
export function warmupDay(account: Pick<WarmupAccount, 'warmup' | 'warmupStartedAt'>, now: Date | number): number | null {
  if (!account.warmup || !account.warmupStartedAt) return null;
  const elapsed = (typeof now === 'number' ? now : now.getTime()) - account.warmupStartedAt.getTime();
  return Math.max(0, Math.floor(elapsed / DAY_MS));
}

/**
 * The daily limit that applies at `now`: min(target, start + day × increase, the account's limit),
 * or the account's limit when warm-up is off. Never decreases as time goes on.
 *
 * @example effectiveDailyLimit({ dailyLimit: 500, warmup: { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 }, warmupStartedAt }, dayThree) // 80
 */
export function effectiveDailyLimit(account: WarmupAccount, now: Date | number): number {
  const day = warmupDay(account, now);
  if (day === null || !account.warmup) return account.dailyLimit;
  const { startPerDay, increasePerDay, targetPerDay } = account.warmup;
  return Math.min(targetPerDay, startPerDay + day * increasePerDay, account.dailyLimit);
}

/**
 * The ramp suggested for a newly connected account: 20 a day, 20 more each day, up to the type's
 * Google limit (500 for consumer Gmail: 25 days; 2,000 for Workspace: 100 days).
 * Google publishes no warm-up table: its sender guidelines ask to "increase sending volume slowly"
 * and warn that a sudden spike gets mail rate limited (https://support.google.com/a/answer/81126);
 * deliverability consultants report Gmail's advice as starting with 10–20 messages at a time and
 * taking 4–6 weeks (https://wordtothewise.com/2017/09/warmup-advice-gmail). 20 + 20/day reaches a
 * consumer account's 500 in 25 days, inside that range; the user can change every figure.
 */
export function suggestedWarmup(type: AccountType): Warmup {
  return { ...SUGGESTED_WARMUP, targetPerDay: GOOGLE_DAILY_LIMIT[type] };
}
