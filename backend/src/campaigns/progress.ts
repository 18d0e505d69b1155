import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts, recipients, sendJobs } from '../db/schema';
import { campaignSentLast24h, sentInLast24h } from '../limits/daily-limits';
import { planSends } from '../schedule';
import type { CampaignProgress } from '../../../shared/schemas/campaigns';
import type { CampaignRow } from './campaign-store';
import { campaignWaiting } from './campaign-waiting';
import { quotaSendIntervalMs } from '../limits/quota-budget';

const JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'skipped', 'uncertain', 'cancelled'] as const;
type JobState = (typeof JOB_STATES)[number];

/**
 * Where a campaign stands: messages by state and step, each sending account's share and room,
 * when it should finish, and what went wrong lately.
 */
export async function campaignProgress(deps: Pick<AppDeps, 'db' | 'clock'> & Partial<Pick<AppDeps, 'quota'>>, campaign: CampaignRow): Promise<CampaignProgress> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ step: sendJobs.step, status: sendJobs.status, accountId: sendJobs.accountId, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(eq(sendJobs.campaignId, campaign.id))
    .groupBy(sendJobs.step, sendJobs.status, sendJobs.accountId);
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
  const last24h = await sentInLast24h(deps.db, accountRows.map((a) => a.id), now);
  const accounts = accountRows.map((account) => ({
    id: account.id,
    email: account.email,
    status: account.status,
    sent: sentByAccount.get(account.id) ?? 0,
    sentLast24h: last24h.get(account.id) ?? 0,
    dailyLimit: account.dailyLimit,
  }));

  const remaining = jobs.queued + jobs.sending;
  const active = campaign.status === 'sending' || campaign.status === 'scheduled';
  const campaignSent24h = active ? ((await campaignSentLast24h(deps.db, [campaign.id], now)).get(campaign.id) ?? 0) : 0;
  const waiting = await campaignWaiting(deps.db, { campaign, now, queued: jobs.queued, sending: jobs.sending, accounts, campaignSentLast24h: campaignSent24h });
  const ready = accountRows.filter((account) => account.status === 'ok');
  // The engine's plan from here (schedule/send-plan.ts): first messages left, follow-ups already
  // queued at their due times, and the steps still to come after each, inside days and hours.
  const firstLeft = rows.filter((row) => row.step === 0 && (row.status === 'queued' || row.status === 'sending')).reduce((sum, row) => sum + row.n, 0);
  const plan =
    active && remaining > 0
      ? planSends({
          schedule: campaign.schedule,
          now,
          firstMessages: firstLeft,
          followUpDelayHours: campaign.followUps.map((step) => step.delayHours),
          queuedFollowUps: await queuedFollowUps(deps, campaign.id),
          accounts: ready.map((account) => ({
            dailyLimit: account.dailyLimit,
            sentLast24h: last24h.get(account.id) ?? 0,
            minGapSeconds: account.minGapSeconds,
            maxGapSeconds: account.maxGapSeconds,
          })),
          campaignDailyCap: campaign.throttle.dailyCap,
          campaignSentToday: campaignSent24h,
          campaignMinGap: campaign.throttle.minGapSeconds,
          campaignMaxGap: campaign.throttle.maxGapSeconds,
          minSendIntervalMs: quotaSendIntervalMs(deps.quota?.unitsPerMinute ?? null),
        })
      : null;

  const errors = await deps.db
    .select({ email: recipients.email, step: sendJobs.step, status: sendJobs.status, reason: sendJobs.statusReason })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.campaignId, campaign.id), inArray(sendJobs.status, ['failed', 'uncertain', 'queued']), isNotNull(sendJobs.statusReason)))
    .orderBy(desc(sendJobs.id))
    .limit(5);

  return {
    jobs,
    steps: [...steps.values()].sort((a, b) => a.step - b.step),
    accounts,
    expectedFinishAt: plan?.lastMessageAt.toISOString() ?? null,
    waiting,
    lastErrors: errors.map((row) => ({ recipient: row.email, step: row.step, status: row.status, reason: row.reason ?? '' })),
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
