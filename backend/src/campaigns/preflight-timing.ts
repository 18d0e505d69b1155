import { and, eq, inArray } from 'drizzle-orm';
import type { PreflightTiming } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import { campaignSendTimesInLast24h, sendTimesInLast24h } from '../limits/daily-limits';
import { pacedAccounts, planSendsInSlices, type SendPlan } from '../schedule';
import type { CampaignRow } from './campaign-store';
import { boundOfZonePlans, zonesToPlan } from './preflight-zones';
import { quotaSendIntervalMs } from '../limits/quota-budget';
import { abTestPlanBeforeLaunch } from '../variants/ab-test-plan';

/**
 * When launching now would send the first message, the last first message and the last message
 * of all (its follow-ups), from the campaign's days, hours and zone, its ready accounts' limits
 * and gaps and its throttle (schedule/send-plan.ts). null: nothing can be sent, or not within
 * three years. With per-recipient zones, `byZone` (recipients per zone, preflight-zones.ts): the
 * bound over the largest zones' plans (preflight-zones.ts `ZONES_PLANNED`).
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
  // In slices that pause, one zone after another (schedule/send-plan-in-slices.ts): 100,000 messages'
  // simulation held the event loop for ~35 ms (issue 17).
  const plans: (SendPlan | null)[] = [];
  for (const timezone of zonesToPlan(campaign.schedule, byZone)) {
    plans.push(
      await planSendsInSlices({
        schedule: { ...campaign.schedule, timezone },
        now,
        // With an A/B test: the test share first, the rest after the wait (variants/ab-test-plan.ts).
        ...abTestPlanBeforeLaunch(campaign, sendable),
        followUpDelayHours: campaign.followUps.map((step) => step.delayHours),
        accounts: pacedAccounts(ready, last24h),
        campaignDailyCap: dailyCap,
        campaignSentToday: campaignTimes.length,
        campaignRecentSendTimes: campaignTimes,
        campaignMinGap: minGapSeconds,
        campaignMaxGap: maxGapSeconds,
        minSendIntervalMs: quotaSendIntervalMs(deps.quota?.unitsPerMinute ?? null),
      }),
    );
  }
  const plan = boundOfZonePlans(plans);
  return plan && {
    firstSendAt: plan.firstSendAt.toISOString(),
    // Never null here: there are first messages to send.
    lastFirstMessageAt: (plan.lastFirstMessageAt ?? plan.firstSendAt).toISOString(),
    lastMessageAt: plan.lastMessageAt.toISOString(),
  };
}
