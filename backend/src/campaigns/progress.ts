import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { gmailAccounts, recipients, sendJobs } from '../db/schema';
import { campaignSentLast24h, sentInLast24h } from '../limits/daily-limits';
import { estimateFinish } from '../schedule';
import type { CampaignProgress } from '../../../shared/schemas/campaigns';
import type { CampaignRow } from './campaign-store';

const JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'skipped', 'uncertain', 'cancelled'] as const;
type JobState = (typeof JOB_STATES)[number];

/**
 * Where a campaign stands: messages by state and step, each sending account's share and room,
 * when it should finish, and what went wrong lately.
 */
export async function campaignProgress(deps: Pick<AppDeps, 'db' | 'clock'>, campaign: CampaignRow): Promise<CampaignProgress> {
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
  const ready = accountRows.filter((account) => account.status === 'ok');
  const finish =
    active && remaining > 0
      ? estimateFinish({
          schedule: campaign.schedule,
          now,
          remaining,
          accounts: ready.map((account) => ({
            dailyLimit: account.dailyLimit,
            sentLast24h: last24h.get(account.id) ?? 0,
            minGapSeconds: account.minGapSeconds,
            maxGapSeconds: account.maxGapSeconds,
          })),
          ...(campaign.throttle.dailyCap !== undefined
            ? { campaignDailyCap: campaign.throttle.dailyCap, campaignSentToday: (await campaignSentLast24h(deps.db, [campaign.id], now)).get(campaign.id) ?? 0 }
            : {}),
          ...(campaign.throttle.minGapSeconds !== undefined ? { campaignMinGap: campaign.throttle.minGapSeconds } : {}),
          ...(campaign.throttle.maxGapSeconds !== undefined ? { campaignMaxGap: campaign.throttle.maxGapSeconds } : {}),
        })
      : null;
  // Follow-ups not yet queued still lie ahead: the last one leaves at least its delays after the last first message.
  const laterDelayMs = campaign.followUps.slice(Math.max(0, ...steps.keys())).reduce((sum, step) => sum + step.delayHours * 3_600_000, 0);

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
    expectedFinishAt: finish ? new Date(finish.getTime() + (jobs.queued > 0 ? laterDelayMs : 0)).toISOString() : null,
    lastErrors: errors.map((row) => ({ recipient: row.email, step: row.step, status: row.status, reason: row.reason ?? '' })),
  };
}
