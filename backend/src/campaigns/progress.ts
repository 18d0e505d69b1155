import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts, sendJobs } from '../db/schema';
import { campaignSendTimesInLast24h, sendTimesInLast24h } from '../limits/daily-limits';
import { effectiveDailyLimit } from '../limits/warmup';
import { pacedAccounts, planSendsInSlices, type SendPlan } from '../schedule';
import { abTestPlanLaunched } from '../variants/ab-test-plan';
import type { CampaignProgress } from '../../../shared/schemas/campaigns';
import type { CampaignRow } from './campaign-store';
import { campaignWaiting } from './campaign-waiting';
import { countJobs, lastJobErrors } from './progress-in-slices';
import { uncertainMessages } from './uncertain-messages';
import { boundOfZonePlans, recentCampaignZones, zonesToPlan } from './preflight-zones';
import { quotaSendIntervalMs } from '../limits/quota-budget';

const JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'skipped', 'uncertain', 'cancelled'] as const;
type JobState = (typeof JOB_STATES)[number];

/**
 * Where a campaign stands: messages by state and step, each sending account's share and room,
 * when it should finish, and what went wrong lately.
 */
export async function campaignProgress(deps: Pick<AppDeps, 'db' | 'clock'> & Partial<Pick<AppDeps, 'quota'>>, campaign: CampaignRow): Promise<CampaignProgress> {
  const now = deps.clock.now();
  // In slices that pause (progress-in-slices.ts): a 100,000-job campaign's count held the event loop (issue 17).
  const rows = await countJobs(deps.db, campaign.id);
  const jobs = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
  const steps = new Map<number, { step: number; sent: number; queued: number }>();
  const sentByAccount = new Map<string, number>();
  for (const row of rows) {
    jobs[row.status] += row.n;
    const step = steps.get(row.step) ?? { step: row.step, sent: 0, queued: 0 };
    if (row.status === 'sent') step.sent += row.n;
    if (row.status === 'queued' || row.status === 'sending') step.queued += row.n;
    steps.set(row.step, step);
    if (row.status === 'sent' && row.accountId) sentByAccount.set(row.accountId, (sentByAccount.get(row.accountId) ?? 0) + row.n);
  }

  const accountRows = campaign.accountIds.length
    ? await deps.db.select().from(gmailAccounts).where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds)))
    : [];
  const last24h = await sendTimesInLast24h(deps.db, accountRows.map((a) => a.id), now);
  const accounts = accountRows.map((account) => ({
    id: account.id,
    email: account.email,
    status: account.status,
    sent: sentByAccount.get(account.id) ?? 0,
    sentLast24h: last24h.get(account.id)?.length ?? 0,
    // The limit that applies today: a warm-up's figure for the day (limits/warmup.ts).
    dailyLimit: effectiveDailyLimit(account, now),
  }));

  const remaining = jobs.queued + jobs.sending;
  const active = campaign.status === 'sending' || campaign.status === 'scheduled';
  const campaignTimes = active ? await campaignSendTimesInLast24h(deps.db, campaign.id, now) : [];
  const waiting = await campaignWaiting(deps.db, {
    campaign,
    now,
    queued: jobs.queued,
    sending: jobs.sending,
    accounts: accountRows.map((account) => ({ ...account, sentLast24h: last24h.get(account.id)?.length ?? 0 })),
    campaignSentLast24h: campaignTimes.length,
  });
  const ready = accountRows.filter((account) => account.status === 'ok');
  // The engine's plan from here (schedule/send-plan.ts): first messages left, follow-ups already
  // queued at their due times, and the steps still to come after each, inside days and hours; with
  // per-recipient zones, the bound over the largest zones of those left, as the preflight's
  // (preflight-zones.ts), so the two estimates agree.
  const firstLeft = rows.filter((row) => row.step === 0 && (row.status === 'queued' || row.status === 'sending')).reduce((sum, row) => sum + row.n, 0);
  const planning = active && remaining > 0;
  // Read only when some are queued: the query walks every queued job of the campaign.
  const followUpsQueued = planning && rows.some((row) => row.step > 0 && row.status === 'queued') ? await queuedFollowUps(deps, campaign.id) : [];
  const zones = planning ? zonesToPlan(campaign.schedule, await recentCampaignZones(deps.db, campaign, now)) : [];
  // With an A/B test not yet decided: the test's messages left, then the held ones after the decision (variants/ab-test-plan.ts).
  const firstMessages = planning ? await abTestPlanLaunched(deps.db, campaign, now, firstLeft) : { firstMessages: firstLeft };
  // In slices that pause, one zone after another (schedule/send-plan-in-slices.ts): the launch answers
  // with this, and 100,000 messages' simulation held the event loop for ~35 ms (issue 17).
  const plans: (SendPlan | null)[] = [];
  for (const timezone of zones) {
    plans.push(
      await planSendsInSlices({
        schedule: { ...campaign.schedule, timezone },
        now,
        ...firstMessages,
        followUpDelayHours: campaign.followUps.map((step) => step.delayHours),
        queuedFollowUps: followUpsQueued,
        accounts: pacedAccounts(ready, last24h),
        campaignDailyCap: campaign.throttle.dailyCap,
        campaignSentToday: campaignTimes.length,
        campaignRecentSendTimes: campaignTimes,
        campaignMinGap: campaign.throttle.minGapSeconds,
        campaignMaxGap: campaign.throttle.maxGapSeconds,
        minSendIntervalMs: quotaSendIntervalMs(deps.quota?.unitsPerMinute ?? null),
      }),
    );
  }
  const plan = boundOfZonePlans(plans);

  const errors = await lastJobErrors(deps.db, campaign.id, 5);

  return {
    jobs,
    steps: [...steps.values()].sort((a, b) => a.step - b.step),
    accounts,
    expectedFinishAt: plan?.lastMessageAt.toISOString() ?? null,
    waiting,
    lastErrors: errors.map((row) => ({ recipient: row.email, step: row.step, status: row.status, reason: row.reason ?? '' })),
    // Read only when the counts found some (the panel offers an action on each).
    uncertainMessages: jobs.uncertain > 0 ? await uncertainMessages(deps.db, campaign.id) : [],
  };
}

/** Follow-ups waiting in the queue by step and due minute (a minute is close enough, and 100,000 rows read as a few hundred). */
async function queuedFollowUps(deps: Pick<AppDeps, 'db'>, campaignId: string) {
  const minute = sql<number>`${sendJobs.dueAt} / 60000`;
  const groups = await deps.db
    .select({ step: sendJobs.step, minute, count: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaignId), eq(sendJobs.status, 'queued'), gt(sendJobs.step, 0)))
    .groupBy(sendJobs.step, minute);
  return groups.map((group) => ({ step: group.step, dueMs: Math.floor(group.minute) * 60_000, count: group.count }));
}
