import { and, eq, inArray } from 'drizzle-orm';
import type { PreflightTiming } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import { campaignSendTimesInLast24h, sendTimesInLast24h } from '../limits/daily-limits';
import { planSends, type SendPlan } from '../schedule';
import type { CampaignRow } from './campaign-store';
import { quotaSendIntervalMs } from '../limits/quota-budget';

/**
 * Per-recipient zones (issue 18), `byZone` (recipients per zone, preflight-zones.ts): the plan is
 * made once per zone as if all `sendable` recipients were in it, and the estimate is the
 * earliest first send and the latest ends among them. A bound, not a forecast: the engine is never
 * idle while some queued recipient's window is open, so the last message, in zone Z, goes no later
 * than the last of `sendable` messages sent in Z's windows alone (accounts' limits and gaps as
 * planned). It overstates when zones' windows overlap little. The largest `ZONES_PLANNED` zones
 * only: each plan costs a simulation of the whole list.
 */
const ZONES_PLANNED = 8;

/**
 * When launching now would send the first message, the last first message and the last message
 * of all (its follow-ups), from the campaign's days, hours and zone, its ready accounts' limits
 * and gaps and its throttle (schedule/send-plan.ts). null: nothing can be sent, or not within
 * three years.
 */
export async function preflightTiming(
  deps: Pick<AppDeps, 'db' | 'clock'> & Partial<Pick<AppDeps, 'quota'>>,
  campaign: CampaignRow,
  sendable: number,
  byZone?: ReadonlyMap<string, number>,
): Promise<PreflightTiming | null> {
  if (sendable <= 0 || campaign.accountIds.length === 0) return null;
  const now = deps.clock.now();
  const ready = await deps.db
    .select()
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds), eq(gmailAccounts.status, 'ok')));
  const last24h = await sendTimesInLast24h(deps.db, ready.map((account) => account.id), now);
  const { dailyCap, minGapSeconds, maxGapSeconds } = campaign.throttle;
  const campaignTimes = dailyCap === undefined ? [] : await campaignSendTimesInLast24h(deps.db, campaign.id, now);
  const zones = byZone && byZone.size > 0
    ? [...byZone].sort((a, b) => b[1] - a[1]).slice(0, ZONES_PLANNED).map(([zone]) => zone)
    : [campaign.schedule.timezone];
  const plans = zones.map((timezone) => planSends({
    schedule: { ...campaign.schedule, timezone },
    now,
    firstMessages: sendable,
    followUpDelayHours: campaign.followUps.map((step) => step.delayHours),
    accounts: ready.map((account) => ({
      dailyLimit: account.dailyLimit,
      sentLast24h: last24h.get(account.id)?.length ?? 0,
      recentSendTimes: last24h.get(account.id),
      warmup: account.warmup,
      warmupStartedAt: account.warmupStartedAt,
      minGapSeconds: account.minGapSeconds,
      maxGapSeconds: account.maxGapSeconds,
    })),
    campaignDailyCap: dailyCap,
    campaignSentToday: campaignTimes.length,
    campaignRecentSendTimes: campaignTimes,
    campaignMinGap: minGapSeconds,
    campaignMaxGap: maxGapSeconds,
    minSendIntervalMs: quotaSendIntervalMs(deps.quota?.unitsPerMinute ?? null),
  }));
  const plan = boundOf(plans);
  return plan && {
    firstSendAt: plan.firstSendAt.toISOString(),
    // Never null here: there are first messages to send.
    lastFirstMessageAt: (plan.lastFirstMessageAt ?? plan.firstSendAt).toISOString(),
    lastMessageAt: plan.lastMessageAt.toISOString(),
  };
}

/** The earliest first send and the latest ends among the zones' plans; null when any zone's plan has no answer. */
function boundOf(plans: readonly (SendPlan | null)[]): SendPlan | null {
  if (plans.some((plan) => plan === null)) return null;
  const known = plans as readonly SendPlan[];
  const latest = (dates: (Date | null)[]) => dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
  return {
    firstSendAt: new Date(Math.min(...known.map((plan) => plan.firstSendAt.getTime()))),
    lastFirstMessageAt: latest(known.map((plan) => plan.lastFirstMessageAt)),
    lastMessageAt: latest(known.map((plan) => plan.lastMessageAt))!,
  };
}
