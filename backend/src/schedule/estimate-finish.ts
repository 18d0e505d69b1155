import type { Schedule } from '../../../shared/schemas/campaigns';
import { roomLeft } from '../limits/daily-limits';
import { effectiveGap } from './gap';
import { wallTimeOf } from './wall-time';
import { windowOnDay } from './window';

export type PacedAccount = {
  dailyLimit: number;
  /** Messages the account sent in the 24 hours before `now`, all campaigns together. */
  sentLast24h: number;
  minGapSeconds: number;
  maxGapSeconds: number;
};

export type FinishEstimateInput = {
  schedule: Schedule;
  now: Date;
  /** Messages still to send. */
  remaining: number;
  accounts: readonly PacedAccount[];
  /** The campaign's own cap per local day (in the schedule's zone), over all its accounts. */
  campaignDailyCap?: number | undefined;
  /** Messages this campaign already sent on `now`'s local day, counted against the cap. */
  campaignSentToday?: number | undefined;
  campaignMinGap?: number | undefined;
  campaignMaxGap?: number | undefined;
};

/** 52 weeks: same weekdays, and a year's worth of DST changes. */
const BLOCK_DAYS = 364;

/**
 * When the last of `remaining` messages is expected to go out, or null when nothing can ever be
 * sent (no accounts, every daily limit or the campaign cap at 0). `remaining` ≤ 0: `now`.
 *
 * The model, simulated one local day at a time (a day costs a few offset look-ups, so the run time
 * does not grow with `remaining`):
 * - Each account sends its first message when the window opens (or at `now`/`startAt`, later of
 *   the two, on the first day), then one every mean gap, (min + max) / 2 of its effective gap
 *   (`effectiveGap`: the campaign's gaps only slow it), while the window is open. Pace room in a
 *   window of length s is ceil(s / gap); the window's real length counts, so DST days differ.
 * - Google's limit is a rolling 24 hours; we approximate it per local day: on `now`'s local day an
 *   account has `dailyLimit - sentLast24h` left, on every later day its full `dailyLimit`. It
 *   ignores other campaigns sharing the account after today.
 * - The campaign cap limits the day's total over all accounts.
 * - Beyond one year the estimate repeats the last 52 weeks' capacity instead of walking every day,
 *   so far-off finishes drift by the odd DST day; they are far off anyway.
 */
export function estimateFinish(input: FinishEstimateInput): Date | null {
  const { schedule, now, remaining } = input;
  if (remaining <= 0) return now;
  const cap = input.campaignDailyCap ?? Infinity;
  if (cap <= 0 || !input.accounts.some((account) => account.dailyLimit > 0)) return null;

  const accounts = input.accounts.map((account) => {
    const gap = effectiveGap(account, { minGapSeconds: input.campaignMinGap, maxGapSeconds: input.campaignMaxGap });
    return { ...account, meanGapMs: ((gap.minGapSeconds + gap.maxGapSeconds) / 2) * 1000 };
  });
  const nowMs = now.getTime();
  const startMs = Math.max(nowMs, schedule.startAt === null ? -Infinity : new Date(schedule.startAt).getTime());
  const today = wallTimeOf(schedule.timezone, nowMs).day;

  const startDay = wallTimeOf(schedule.timezone, startMs).day;
  let left = remaining;
  let skipped = false;
  const fullDays: number[] = [];
  for (let day = startDay - 1; ; day++) {
    const isToday = day <= today;
    let dayTotal = 0;
    const window = windowOnDay(schedule, day);
    if (window && window.closeMs > startMs) {
      const fromMs = Math.max(window.openMs, startMs);
      const perAccount = accounts.map((account) => {
        const room = roomLeft(account.dailyLimit, isToday ? account.sentLast24h : 0);
        const pace = account.meanGapMs > 0 ? Math.ceil((window.closeMs - fromMs) / account.meanGapMs) : Infinity;
        return { meanGapMs: account.meanGapMs, count: Math.min(room, pace) };
      });
      const dayCap = Math.max(0, cap - (isToday ? (input.campaignSentToday ?? 0) : 0));
      dayTotal = Math.min(dayCap, perAccount.reduce((sum, account) => sum + account.count, 0));
      if (left <= dayTotal) return new Date(fromMs + timeOfNth(perAccount, left, window.closeMs - fromMs));
      left -= dayTotal;
    }

    // Whole days after the first and after today differ only by weekday and DST: once 52 weeks
    // of them are counted, jump whole 52-week blocks instead of walking every day.
    if (skipped || day <= startDay || isToday) continue;
    fullDays.push(dayTotal);
    if (fullDays.length < BLOCK_DAYS) continue;
    const blockTotal = fullDays.reduce((sum, count) => sum + count, 0);
    if (blockTotal === 0) return null;
    const blocks = Math.floor((left - 1) / blockTotal);
    left -= blocks * blockTotal;
    day += blocks * BLOCK_DAYS;
    skipped = true;
  }
}

/**
 * Milliseconds after the day's first send at which the `n`-th message of the day goes out, when
 * account i sends at 0, g_i, 2·g_i … up to its `count`. The answer is the smallest t with
 * Σ min(count_i, floor(t / g_i) + 1) ≥ n, found by bisection on whole milliseconds.
 */
function timeOfNth(accounts: ReadonlyArray<{ meanGapMs: number; count: number }>, n: number, spanMs: number): number {
  const sentBy = (t: number) =>
    accounts.reduce(
      (sum, { meanGapMs, count }) => sum + (meanGapMs > 0 ? Math.min(count, Math.floor(t / meanGapMs) + 1) : count),
      0,
    );
  let low = 0;
  let high = Math.ceil(spanMs);
  if (sentBy(low) >= n) return 0;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (sentBy(mid) >= n) high = mid;
    else low = mid;
  }
  return high;
}
