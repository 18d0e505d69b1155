import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { CampaignWaiting } from '../../../shared/schemas/campaigns';
import type { Database } from '../db/database';
import { accountSends, recipients, sendJobs } from '../db/schema';
import type { Warmup } from '../../../shared/schemas/accounts';
import { DAY_MS, roomLeft, rollingLimitFreeAt } from '../limits/daily-limits';
import { effectiveDailyLimit } from '../limits/warmup';
import { OUTSIDE_RECIPIENT_HOURS, nextWindowOpening, recipientZone } from '../schedule';
import type { CampaignRow } from './campaign-store';
import { abTestWaitsUntil } from '../variants/pick-winner';
import { AB_HELD_DUE_AT } from '../variants/variant-split';

/** `dailyLimit`: the account's own setting; with a warm-up the limit that applies is limits/warmup.ts's figure. */
type Account = { id: string; status: string; dailyLimit: number; sentLast24h: number; warmup: Warmup | null; warmupStartedAt: Date | null };

/**
 * Why a launched campaign sends nothing now, and until when (issue 14: a user must never guess).
 * The same rules as the engine, in the order it applies them (tick.ts, claims.ts, rotation.ts):
 * 1. `before-start`: the start time is ahead (`until`: the first open window from it);
 * 2. `outside-hours`: the window is closed now (`until`: its next opening, `nextWindowOpening`);
 *    with per-recipient zones (issue 18), no queued recipient's own window is open (`until`: the
 *    earliest opening among them, `firstInRecipientHours`);
 * 3. `follow-up-delay`: every queued message is a follow-up not yet due (`until`: the first due,
 *    moved into the window); `ab-test`: the first messages left are held for the A/B test's winner,
 *    and nothing else goes sooner (`until`: when the decision is due, variants/pick-winner.ts
 *    `abTestWaitsUntil`: the test's last message + its wait);
 * 4. `daily-limit`: messages are due but every ready account is at its rolling 24-hour limit, or
 *    the campaign at its daily cap (`until`: when the oldest send that counts leaves the 24 hours,
 *    or a warming-up account's next day raises its limit, whichever comes first).
 * null: it can send now, or it is not waiting on time (not launched, nothing queued, a message in
 * flight, no account able to send).
 */
export async function campaignWaiting(
  db: Database,
  input: { campaign: CampaignRow; now: Date; queued: number; sending: number; accounts: readonly Account[]; campaignSentLast24h: number },
): Promise<CampaignWaiting | null> {
  const { campaign, now } = input;
  if (campaign.status !== 'scheduled' && campaign.status !== 'sending') return null;
  if (input.queued === 0 || input.sending > 0) return null;
  const schedule = campaign.schedule;
  const inWindow = (at: Date) => nextWindowOpening(schedule, at);
  const opening = inWindow(now);
  if (campaign.status === 'scheduled' || (schedule.startAt !== null && new Date(schedule.startAt) > now)) {
    return { reason: 'before-start', until: opening.toISOString() };
  }
  // Held first messages are due at AB_HELD_DUE_AT: they never go before the decision, read here instead.
  const abTest = () => abTestWaitsUntil(db, campaign, now);
  const waitsForTest = async (sooner: Date | null) => {
    const until = await abTest();
    return until && (sooner === null || until <= sooner) ? ({ reason: 'ab-test', until: until.toISOString() } as const) : null;
  };
  if (schedule.recipientTimeZoneField) {
    const next = await firstInRecipientHours(db, campaign, now);
    if (!next) return waitsForTest(null);
    if (next.sendsAt > now) {
      const test = await waitsForTest(next.sendsAt);
      if (test) return test;
      // The earliest queued message waits for its recipient's hours (given back until they open, or
      // due outside them), or a follow-up for its delay; else a retry's back-off, no claim.
      const until = next.sendsAt.toISOString();
      if (next.reason === OUTSIDE_RECIPIENT_HOURS || next.sendsAt > next.dueAt) return { reason: 'outside-hours', until };
      return next.step > 0 ? { reason: 'follow-up-delay', until } : null;
    }
  } else if (opening > now) {
    return { reason: 'outside-hours', until: opening.toISOString() };
  }

  const [first] = await db
    .select({ dueAt: sendJobs.dueAt, step: sendJobs.step })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.status, 'queued'), lt(sendJobs.dueAt, new Date(AB_HELD_DUE_AT))))
    .orderBy(asc(sendJobs.dueAt))
    .limit(1);
  if (!first) return waitsForTest(null);
  if (schedule.recipientTimeZoneField) {
    // Some recipient's window is open and their message is due: only limits can hold it (below).
  } else if (first.dueAt > now) {
    const test = await waitsForTest(inWindow(first.dueAt));
    if (test) return test;
    // A retry waiting for its back-off is not one of the reasons the user acts on: no claim.
    return first.step > 0 ? { reason: 'follow-up-delay', until: inWindow(first.dueAt).toISOString() } : null;
  }

  const ready = input.accounts.filter((account) => account.status === 'ok');
  if (ready.length === 0) return null;
  const cap = campaign.throttle.dailyCap;
  if (cap !== undefined && input.campaignSentLast24h >= cap) {
    const freeAt = await campaignFreeAt(db, campaign.id, now, input.campaignSentLast24h - cap + 1);
    return { reason: 'daily-limit', until: inWindow(freeAt).toISOString() };
  }
  if (ready.every((account) => roomLeft(effectiveDailyLimit(account, now), account.sentLast24h) === 0)) {
    const times = await Promise.all(ready.map((account) => accountFreeAt(db, account, now)));
    const freeAt = new Date(Math.min(...times.map((time) => time.getTime())));
    return { reason: 'daily-limit', until: inWindow(freeAt).toISOString() };
  }
  return null;
}

/** Queued messages read to find the next one a recipient's hours let go: a bounded read (see below). */
const QUEUED_LOOKED_AT = 500;

type NextInHours = { step: number; dueAt: Date; reason: string | null; sendsAt: Date };

/**
 * With per-recipient zones (issue 18): the queued message that can go first, and when (its due
 * time moved into its recipient's window). The engine gives a job back due at its recipient's next
 * opening (tick.ts), so in due order the earliest are either not yet looked at (due now) or
 * already waiting for their opening: the first few hundred in due order hold the answer, bar ties.
 */
async function firstInRecipientHours(db: Database, campaign: CampaignRow, now: Date): Promise<NextInHours | null> {
  const rows = await db
    .select({ dueAt: sendJobs.dueAt, step: sendJobs.step, reason: sendJobs.statusReason, fields: recipients.fields })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.status, 'queued'), lt(sendJobs.dueAt, new Date(AB_HELD_DUE_AT))))
    .orderBy(asc(sendJobs.dueAt))
    .limit(QUEUED_LOOKED_AT);
  let best: NextInHours | null = null;
  // One opening per distinct zone and due time: a list holds few zones.
  const openings = new Map<string, Date>();
  for (const row of rows) {
    const from = row.dueAt > now ? row.dueAt : now;
    const { zone } = recipientZone(campaign.schedule, row.fields);
    const key = `${zone} ${from.getTime()}`;
    let sendsAt = openings.get(key);
    if (!sendsAt) {
      sendsAt = nextWindowOpening({ ...campaign.schedule, timezone: zone }, from);
      openings.set(key, sendsAt);
    }
    if (!best || sendsAt < best.sendsAt) best = { step: row.step, dueAt: row.dueAt, reason: row.reason, sendsAt };
  }
  return best;
}

/**
 * Gmail's window is rolling: room comes back when the send that put the account at its limit is 24
 * hours old (`rollingLimitFreeAt`, the rule the finish estimate uses too), or sooner when a warm-up's
 * next day raises the limit.
 */
async function accountFreeAt(db: Database, account: Account, now: Date): Promise<Date> {
  const limit = effectiveDailyLimit(account, now);
  // The newest `limit` sends are all the rule looks at.
  const rows = await db
    .select({ sentAt: accountSends.sentAt })
    .from(accountSends)
    .where(and(eq(accountSends.accountId, account.id), gt(accountSends.sentAt, new Date(now.getTime() - DAY_MS))))
    .orderBy(desc(accountSends.sentAt))
    .limit(Math.max(1, limit));
  const freeAt = rollingLimitFreeAt(rows.map((row) => row.sentAt.getTime()).reverse(), limit, now.getTime());
  const rises = account.warmup && account.warmupStartedAt && limit < Math.min(account.warmup.targetPerDay, account.dailyLimit);
  if (!rises) return new Date(Number.isFinite(freeAt) ? freeAt : now.getTime() + DAY_MS);
  const elapsedDays = Math.floor((now.getTime() - account.warmupStartedAt!.getTime()) / DAY_MS);
  const nextDay = account.warmupStartedAt!.getTime() + (elapsedDays + 1) * DAY_MS;
  return new Date(Math.min(freeAt, nextDay));
}

async function campaignFreeAt(db: Database, campaignId: string, now: Date, nth: number): Promise<Date> {
  const rows = await db
    .select({ sentAt: sendJobs.sentAt })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaignId), eq(sendJobs.status, 'sent'), gt(sendJobs.sentAt, new Date(now.getTime() - DAY_MS))))
    .orderBy(asc(sendJobs.sentAt))
    .limit(Math.max(1, nth));
  const oldest = rows.at(-1)?.sentAt ?? now;
  return new Date(oldest.getTime() + DAY_MS);
}
