import type { Schedule } from '../../../shared/schemas/campaigns';
import { roomLeft } from '../limits/daily-limits';

import { effectiveGap } from './gap';
import { wallTimeOf } from './wall-time';
import { windowOnDay } from './window';

/** An account's pace and room, as the plan sees them. */
export type PacedAccount = {
  dailyLimit: number;
  /** Messages the account sent in the 24 hours before `now`, all campaigns together. */
  sentLast24h: number;
  minGapSeconds: number;
  maxGapSeconds: number;
};

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
  /** The campaign's own cap per local day, over all its accounts. */
  campaignDailyCap?: number | undefined;
  /** Messages this campaign already sent in the last 24 hours, counted against today's cap. */
  campaignSentToday?: number | undefined;
  campaignMinGap?: number | undefined;
  campaignMaxGap?: number | undefined;
  /** The Gmail quota's floor on the time between one account's sends (limits/quota-budget.ts `quotaSendIntervalMs`). */
  minSendIntervalMs?: number | undefined;
  /** Local days simulated at most before giving up (the answer is then null). */
  maxDays?: number;
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
 * The engine's rules, simulated one local day at a time (issue 14: the old estimate ignored days
 * and follow-ups):
 * - Sends happen only inside the schedule's window on its days, in its zone (`windowOnDay`), and
 *   not before `now` or `startAt`.
 * - Each account sends one message every mean gap ((min + max) / 2 of `effectiveGap`: the
 *   campaign's gaps only slow it) from the window's opening, up to its room under the daily
 *   limit, never faster than the Gmail quota allows (`minSendIntervalMs`); the window's real length counts, so DST days differ. Google's limit is a rolling 24
 *   hours, approximated per local day: on `now`'s day an account has its limit less what it sent
 *   in the last 24 hours, on later days its whole limit (other campaigns sharing it are ignored
 *   after today). The campaign's cap bounds the day's total over all accounts.
 * - The queue is served in due order, as the claim does (`claims.ts`: ORDER BY due_at): first
 *   messages are due at launch, so they all go before any follow-up; a follow-up is due its delay
 *   after the message before it. A send slot with nothing due waits for the next due message and
 *   the pace resumes from there.
 * - It assumes every recipient gets every follow-up (nobody replies): the last message's time is
 *   the latest it should be, not the likeliest.
 */
export function planSends(input: SendPlanInput): SendPlan | null {
  const { schedule, now } = input;
  const queued = input.queuedFollowUps ?? [];
  if (input.firstMessages <= 0 && !queued.some((group) => group.count > 0)) return null;
  const cap = input.campaignDailyCap ?? Infinity;
  if (cap <= 0 || !input.accounts.some((account) => account.dailyLimit > 0)) return null;
  const accounts = input.accounts.map((account) => {
    const gap = effectiveGap(account, { minGapSeconds: input.campaignMinGap, maxGapSeconds: input.campaignMaxGap });
    // Zero gaps do not mean instant: the quota budget spaces an account's sends too.
    return { ...account, meanGapMs: Math.max(((gap.minGapSeconds + gap.maxGapSeconds) / 2) * 1000, input.minSendIntervalMs ?? 0) };
  });
  const delaysMs = input.followUpDelayHours.map((hours) => hours * 3_600_000);
  const startMs = Math.max(now.getTime(), schedule.startAt === null ? -Infinity : new Date(schedule.startAt).getTime());
  const zone = schedule.timezone;
  const today = wallTimeOf(zone, now.getTime()).day;

  // The queue: first messages (all due at the start), then one queue of due times per follow-up
  // step, each in the order its messages fall due (sends happen in time order).
  let firstLeft = input.firstMessages;
  const followUps: { due: number[]; head: number }[] = delaysMs.map(() => ({ due: [], head: 0 }));
  for (const group of [...queued].sort((a, b) => a.dueMs - b.dueMs)) {
    const queue = followUps[group.step - 1];
    for (let i = 0; queue && i < group.count; i++) queue.due.push(group.dueMs);
  }
  const nextDue = (): { step: number; dueMs: number } | null => {
    let best: { step: number; dueMs: number } | null = firstLeft > 0 ? { step: 0, dueMs: startMs } : null;
    followUps.forEach((queue, index) => {
      const dueMs = queue.due[queue.head];
      if (dueMs !== undefined && (best === null || dueMs < best.dueMs)) best = { step: index + 1, dueMs };
    });
    return best;
  };

  let firstSendAt: number | null = null;
  let lastFirstMessageAt: number | null = null;
  let lastMessageAt = 0;
  let cursor = startMs;
  let lastDay = wallTimeOf(zone, startMs).day - 2;
  const maxDays = input.maxDays ?? MAX_DAYS;
  for (let walked = 0; walked <= maxDays; walked++) {
    const waiting = nextDue();
    if (waiting === null) break;
    cursor = Math.max(cursor, waiting.dueMs);
    // A day early: in far-east zones a window that began the local day before may still be open.
    const day = Math.max(lastDay + 1, wallTimeOf(zone, cursor).day - 1);
    lastDay = day;
    const window = windowOnDay(schedule, day);
    if (!window || window.closeMs <= cursor) continue;
    const fromMs = Math.max(window.openMs, cursor);
    const isToday = day <= today;
    const dayCap = Math.max(0, cap - (isToday ? (input.campaignSentToday ?? 0) : 0));
    const slots = sendSlots(
      accounts.map((account) => ({ meanGapMs: account.meanGapMs, room: roomLeft(account.dailyLimit, isToday ? account.sentLast24h : 0) })),
      window.closeMs - fromMs,
      dayCap,
    );
    let shiftMs = 0;
    for (const slot of slots) {
      const next = nextDue();
      if (next === null) break;
      // Nothing due yet: the slot waits for the next due message, and the pace goes on from there.
      const atMs = Math.max(fromMs + slot + shiftMs, next.dueMs);
      if (atMs >= window.closeMs) break;
      shiftMs = atMs - fromMs - slot;
      if (next.step === 0) {
        firstLeft--;
        lastFirstMessageAt = atMs;
      } else {
        followUps[next.step - 1]!.head++;
      }
      firstSendAt ??= atMs;
      lastMessageAt = atMs;
      const after = delaysMs[next.step];
      if (after !== undefined) followUps[next.step]!.due.push(atMs + after);
    }
    cursor = window.closeMs;
  }
  if (firstSendAt === null || nextDue() !== null) return null;
  return {
    firstSendAt: new Date(firstSendAt),
    lastFirstMessageAt: lastFirstMessageAt === null ? null : new Date(lastFirstMessageAt),
    lastMessageAt: new Date(lastMessageAt),
  };
}

/**
 * The day's send times, in milliseconds after its first send: account i sends at 0, g_i, 2·g_i …
 * within `spanMs`, up to its room; the earliest `cap` of them all, in order.
 */
function sendSlots(accounts: ReadonlyArray<{ meanGapMs: number; room: number }>, spanMs: number, cap: number): number[] {
  const slots: number[] = [];
  for (const { meanGapMs, room } of accounts) {
    const pace = meanGapMs > 0 ? Math.ceil(spanMs / meanGapMs) : Infinity;
    const count = Math.min(room, pace, cap);
    for (let i = 0; i < count; i++) slots.push(i * meanGapMs);
  }
  slots.sort((a, b) => a - b);
  return slots.length > cap ? slots.slice(0, cap) : slots;
}
