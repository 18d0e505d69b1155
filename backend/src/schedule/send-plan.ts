import type { Schedule } from '../../../shared/schemas/campaigns';
import type { Warmup } from '../../../shared/schemas/accounts';
import { DAY_MS, rollingLimitFreeAt } from '../limits/daily-limits';
import { effectiveDailyLimit, type WarmupAccount } from '../limits/warmup';

import { effectiveGap } from './gap';
import { windowAtOrAfter, type WindowInstants } from './window';

/** An account's pace and room, as the plan sees them. */
export type PacedAccount = {
  dailyLimit: number;
  /** Messages the account sent in the 24 hours before `now`, all campaigns together. */
  sentLast24h: number;
  /**
   * When those went (ms, oldest first; `sendTimesInLast24h`): room comes back as each turns 24 hours
   * old. Without it they count as sent at `now`, the latest they can have gone.
   */
  recentSendTimes?: readonly number[] | undefined;
  /** The warm-up ramp (limits/warmup.ts): the limit then rises day by day from `warmupStartedAt`. */
  warmup?: Warmup | null | undefined;
  warmupStartedAt?: Date | null | undefined;
  minGapSeconds: number;
  maxGapSeconds: number;
};

/**
 * The plan's view of sending accounts: their limits, ramps and gaps, and when each sent in the last
 * 24 hours (`sendTimesInLast24h`). One mapping for the preflight's estimate and the progress's.
 */
export function pacedAccounts(
  accounts: ReadonlyArray<{ id: string; dailyLimit: number; warmup: Warmup | null; warmupStartedAt: Date | null; minGapSeconds: number; maxGapSeconds: number }>,
  last24h: ReadonlyMap<string, readonly number[]>,
): PacedAccount[] {
  return accounts.map((account) => ({
    dailyLimit: account.dailyLimit,
    sentLast24h: last24h.get(account.id)?.length ?? 0,
    recentSendTimes: last24h.get(account.id),
    warmup: account.warmup,
    warmupStartedAt: account.warmupStartedAt,
    minGapSeconds: account.minGapSeconds,
    maxGapSeconds: account.maxGapSeconds,
  }));
}

export type SendPlanInput = {
  schedule: Schedule;
  now: Date;
  /** Recipients who get the first message. */
  firstMessages: number;
  /** Each follow-up's delay after the message before it, in hours (the campaign's steps, in order). */
  followUpDelayHours: readonly number[];
  /**
   * Follow-ups already queued (a launched campaign), by step (1 = the first follow-up) and due
   * time; their later steps are planned from when they go.
   */
  queuedFollowUps?: ReadonlyArray<{ step: number; dueMs: number; count: number }>;
  accounts: readonly PacedAccount[];
  /** The campaign's own cap over a rolling 24 hours, over all its accounts. */
  campaignDailyCap?: number | undefined;
  /** Messages this campaign already sent in the last 24 hours, counted against the cap. */
  campaignSentToday?: number | undefined;
  /** When those went (ms, oldest first; `campaignSendTimesInLast24h`); without it they count as sent at `now`. */
  campaignRecentSendTimes?: readonly number[] | undefined;
  campaignMinGap?: number | undefined;
  campaignMaxGap?: number | undefined;
  /** The Gmail quota's floor on the time between one account's sends (limits/quota-budget.ts `quotaSendIntervalMs`). */
  minSendIntervalMs?: number | undefined;
  /** Days simulated at most before giving up (the answer is then null). */
  maxDays?: number;
  /**
   * An A/B test not yet decided (issue 18; `abTestPlanInput`): `firstMessages` are then the test's,
   * and `held` more first messages wait for the winner, due `waitHours` after the last test message
   * goes, or at `decisionAtMs` when the test is already out (variants/pick-winner.ts `decisionDueAt`).
   */
  abTest?: { held: number; waitHours: number; decisionAtMs?: number | null } | undefined;
};

/** `lastFirstMessageAt`: null when no first message is left (only queued follow-ups). */
export type SendPlan = { firstSendAt: Date; lastFirstMessageAt: Date | null; lastMessageAt: Date };

/** About three years: an answer further off than that is no answer a user can plan with. */
const MAX_DAYS = 1_100;

/**
 * When a campaign's first message goes, when the last first message goes and when the last
 * message of all goes (its last follow-up), or null when nothing can be sent (no sendable
 * message left, no account with room, a cap of 0) or not within `maxDays`.
 *
 * The engine's rules, simulated one send at a time (issue 14: the old estimate ignored days and
 * follow-ups; issue 17: it counted limits per calendar day where the engine counts a rolling 24 hours):
 * - Sends happen only inside the schedule's window on its days, in its zone (`windowAtOrAfter`),
 *   and not before `now` or `startAt`.
 * - Each account sends one message every mean gap ((min + max) / 2 of `effectiveGap`: the
 *   campaign's gaps only slow it), never faster than the Gmail quota allows (`minSendIntervalMs`).
 * - Daily limits are Gmail's rolling 24 hours, as the engine checks them (limits/daily-limits.ts
 *   `rollingLimitFreeAt`): an account sends when fewer than its limit of its sends (those of the
 *   last 24 hours before `now`, all campaigns, then this plan's) are under 24 hours old; its limit
 *   is the warm-up's figure for that day (limits/warmup.ts). Other campaigns sharing an account are
 *   not foreseen. The campaign's cap counts the same way over all its accounts.
 * - The queue is served in due order, as the claim does (`claims.ts`: ORDER BY due_at): first
 *   messages are due at launch, so they all go before any follow-up; a follow-up is due its delay
 *   after the message before it. The account that can send soonest takes the next message, and no
 *   sooner than it is due.
 * - An A/B test (`abTest`): the test's first messages go first; the held ones fall due `waitHours`
 *   after the last of them (the decision), then are served in due order like the rest.
 * - It assumes every recipient gets every follow-up (nobody replies): the last message's time is
 *   the latest it should be, not the likeliest. The gaps are random in the engine; the plan uses
 *   their mean.
 */
export function planSends(input: SendPlanInput): SendPlan | null {
  const steps = sendPlanSteps(input, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link planSends}'s simulation, pausing (a bare `yield`) after every `sliceSends` simulated sends
 * and returning the plan: its driver decides what a pause is. `planSends` drives it to the end in
 * one go; `planSendsInSlices` (send-plan-in-slices.ts) lets the event loop in at each pause, as
 * 100,000 messages are ~35 ms of simulation (issue 17). The same plan either way.
 *
 * @example const steps = sendPlanSteps(input, 2_000); for (let s = steps.next(); !s.done; s = steps.next()) await yieldToEventLoop();
 */
export function* sendPlanSteps(input: SendPlanInput, sliceSends: number): Generator<void, SendPlan | null, void> {
  const { schedule, now } = input;
  const queued = input.queuedFollowUps ?? [];
  const held = input.abTest && input.abTest.held > 0 ? input.abTest : null;
  if (input.firstMessages <= 0 && !held && !queued.some((group) => group.count > 0)) return null;
  const cap = input.campaignDailyCap ?? Infinity;
  if (cap <= 0 || !input.accounts.some((account) => account.dailyLimit > 0)) return null;
  const startMs = Math.max(now.getTime(), schedule.startAt === null ? -Infinity : new Date(schedule.startAt).getTime());
  const endMs = startMs + (input.maxDays ?? MAX_DAYS) * DAY_MS;
  const inWindow = windowsFrom(schedule, startMs);
  const accounts = input.accounts
    .filter((account) => account.dailyLimit > 0)
    .map((account) => {
      const gap = effectiveGap(account, { minGapSeconds: input.campaignMinGap, maxGapSeconds: input.campaignMaxGap });
      const sends = account.recentSendTimes ? [...account.recentSendTimes] : Array.from({ length: account.sentLast24h }, () => now.getTime());
      const limits = { dailyLimit: account.dailyLimit, warmup: account.warmup ?? null, warmupStartedAt: account.warmupStartedAt ?? null };
      return {
        sends,
        limitAt: limits.warmup ? (atMs: number) => effectiveDailyLimit(limits, atMs) : () => account.dailyLimit,
        riseAt: (atMs: number) => nextWarmupRise(limits, atMs),
        // Zero gaps do not mean instant: the quota budget spaces an account's sends too.
        meanGapMs: Math.max(((gap.minGapSeconds + gap.maxGapSeconds) / 2) * 1000, input.minSendIntervalMs ?? 0),
        readyAt: 0,
        /** The most its limit can be: only that many of its latest sends matter. */
        maxLimit: account.dailyLimit,
      };
    });
  /**
   * When the account can next send at or after `fromMs`: in a window and under its rolling limit
   * (which only rises with time), or when a warm-up's next day raises that limit, as the engine
   * finds room then (campaign-waiting.ts `accountFreeAt` answers the same).
   */
  const accountReadyAt = (account: (typeof accounts)[number], fromMs: number) => {
    let at = fromMs;
    for (let moved = true; moved && at <= endMs; ) {
      const opened = inWindow(at);
      const free = Math.min(rollingLimitFreeAt(account.sends, account.limitAt(opened), opened), account.riseAt(opened));
      moved = free !== at;
      at = free;
    }
    return at;
  };
  for (const account of accounts) account.readyAt = accountReadyAt(account, startMs);
  const campaignSends = input.campaignRecentSendTimes ? [...input.campaignRecentSendTimes] : Array.from({ length: input.campaignSentToday ?? 0 }, () => now.getTime());

  const delaysMs = input.followUpDelayHours.map((hours) => hours * 3_600_000);
  // The queue: first messages (all due at the start), then one queue of due times per follow-up
  // step, each in the order its messages fall due (sends happen in time order).
  let firstLeft = Math.max(0, input.firstMessages);
  // Held first messages (an A/B test): due once the decision is, known when the test's last message goes.
  let heldLeft = held?.held ?? 0;
  const waitMs = (held?.waitHours ?? 0) * 3_600_000;
  let heldDueMs: number | null = held ? (firstLeft > 0 ? null : Math.max(startMs, held.decisionAtMs ?? startMs + waitMs)) : null;
  const followUps: { due: number[]; head: number }[] = delaysMs.map(() => ({ due: [], head: 0 }));
  for (const group of [...queued].sort((a, b) => a.dueMs - b.dueMs)) {
    const queue = followUps[group.step - 1];
    for (let i = 0; queue && i < group.count; i++) queue.due.push(group.dueMs);
  }
  // The next message due: its step (0 = a first message; -1 = none left) and due time, in two
  // variables rather than an object (this runs once per message: 100,000 objects cost more than the plan).
  let nextStep = -1;
  let nextDueMs = 0;
  let nextHeld = false;
  const findNextDue = () => {
    nextStep = firstLeft > 0 ? 0 : -1;
    nextDueMs = startMs;
    nextHeld = false;
    if (nextStep === -1 && heldLeft > 0 && heldDueMs !== null) {
      nextStep = 0;
      nextDueMs = heldDueMs;
      nextHeld = true;
    }
    for (let index = 0; index < followUps.length; index++) {
      const queue = followUps[index]!;
      const dueMs = queue.due[queue.head];
      if (dueMs !== undefined && (nextStep === -1 || dueMs < nextDueMs)) {
        nextStep = index + 1;
        nextDueMs = dueMs;
      }
    }
  };

  let firstSendAt: number | null = null;
  let lastFirstMessageAt: number | null = null;
  let lastMessageAt = 0;
  // Sends simulated so far, and after how many the next pause comes (never, for Infinity: planSends).
  let simulated = 0;
  let pauseAfter = sliceSends;
  for (findNextDue(); nextStep !== -1; findNextDue()) {
    if (simulated === pauseAfter) {
      yield;
      pauseAfter += sliceSends;
    }
    // The account ready soonest; once ready it stays ready (its limit's room only grows with time),
    // so a later moment only has to be in a window and under the campaign's cap.
    let sender = accounts[0]!;
    for (const account of accounts) if (account.readyAt < sender.readyAt) sender = account;
    let atMs = Math.max(sender.readyAt, nextDueMs);
    if (cap === Infinity) {
      if (atMs !== sender.readyAt) atMs = inWindow(atMs);
    } else {
      for (let moved = true; moved && atMs <= endMs; ) {
        const free = rollingLimitFreeAt(campaignSends, cap, inWindow(atMs));
        moved = free !== atMs;
        atMs = free;
      }
    }
    if (atMs > endMs) return null;
    if (nextStep === 0) {
      if (nextHeld) heldLeft--;
      else if (--firstLeft === 0 && held && heldDueMs === null) heldDueMs = atMs + waitMs;
      lastFirstMessageAt = atMs;
    } else {
      followUps[nextStep - 1]!.head++;
    }
    firstSendAt ??= atMs;
    lastMessageAt = atMs;
    const after = delaysMs[nextStep];
    if (after !== undefined) followUps[nextStep]!.due.push(atMs + after);
    remember(sender.sends, atMs, sender.maxLimit);
    if (cap !== Infinity) remember(campaignSends, atMs, cap);
    sender.readyAt = accountReadyAt(sender, atMs + sender.meanGapMs);
    simulated++;
  }
  if (firstSendAt === null) return null;
  return {
    firstSendAt: new Date(firstSendAt),
    lastFirstMessageAt: lastFirstMessageAt === null ? null : new Date(lastFirstMessageAt),
    lastMessageAt: new Date(lastMessageAt),
  };
}

/** When the warm-up next raises the limit after `atMs` (the start of its next day), or Infinity once it cannot rise. */
function nextWarmupRise(account: WarmupAccount, atMs: number): number {
  const { warmup, warmupStartedAt } = account;
  if (!warmup || !warmupStartedAt || warmup.increasePerDay <= 0) return Infinity;
  if (effectiveDailyLimit(account, atMs) >= Math.min(warmup.targetPerDay, account.dailyLimit)) return Infinity;
  const startMs = warmupStartedAt.getTime();
  if (atMs < startMs) return startMs + DAY_MS;
  return startMs + (Math.floor((atMs - startMs) / DAY_MS) + 1) * DAY_MS;
}

/** Adds a send to a log the rolling rule reads, dropping sends too old to matter (only the latest `limit` do). */
function remember(sends: number[], atMs: number, limit: number): void {
  sends.push(atMs);
  if (sends.length > 2 * limit + 1024) sends.splice(0, sends.length - limit);
}

/**
 * `inWindow(atMs)`: `atMs` if a window is open then, else the next window's opening. The windows
 * are computed once each (time-zone arithmetic is the plan's dearest part) and looked up by
 * binary search; asked times never go back before `startMs`.
 */
function windowsFrom(schedule: Schedule, startMs: number): (atMs: number) => number {
  const windows: WindowInstants[] = [windowAtOrAfter(schedule, startMs)];
  let last = 0;
  return (atMs) => {
    // Most asks fall in the window asked about last.
    const known = windows[last]!;
    if (atMs < known.closeMs && (last === 0 || atMs >= windows[last - 1]!.closeMs)) return Math.max(atMs, known.openMs);
    while (windows[windows.length - 1]!.closeMs <= atMs) windows.push(windowAtOrAfter(schedule, windows[windows.length - 1]!.closeMs));
    let low = 0;
    let high = windows.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (windows[middle]!.closeMs > atMs) high = middle;
      else low = middle + 1;
    }
    last = low;
    return Math.max(atMs, windows[low]!.openMs);
  };
}
