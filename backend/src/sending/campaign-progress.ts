import { and, eq, gt, inArray, notExists, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { campaigns, sendJobs } from '../db/schema';
import type { CampaignRow } from '../campaigns/campaign-store';
import { DAY_MS } from './account-room';

/** Scheduled campaigns whose start has come begin sending (a start missed while the server was down included). */
export async function promoteScheduledCampaigns(db: Database, now: Date): Promise<string[]> {
  const scheduled = await db.select().from(campaigns).where(eq(campaigns.status, 'scheduled'));
  const due = scheduled.filter((c) => !c.schedule.startAt || new Date(c.schedule.startAt).getTime() <= now.getTime());
  const promoted: string[] = [];
  for (const campaign of due) {
    const [row] = await db
      .update(campaigns)
      .set({ status: 'sending', updatedAt: now, version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'scheduled')))
      .returning({ id: campaigns.id });
    if (row) promoted.push(row.id);
  }
  return promoted;
}

/** A sending campaign with nothing left queued or in flight is complete. */
export async function completeFinishedCampaigns(db: Database, now: Date): Promise<string[]> {
  const done = await db
    .update(campaigns)
    .set({ status: 'completed', updatedAt: now, version: sql`${campaigns.version} + 1` })
    .where(
      and(
        eq(campaigns.status, 'sending'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(sendJobs)
            .where(and(eq(sendJobs.campaignId, campaigns.id), inArray(sendJobs.status, ['queued', 'sending']))),
        ),
      ),
    )
    .returning({ id: campaigns.id });
  return done.map((row) => row.id);
}

/** Messages each campaign sent in the last 24 hours (its optional daily cap). */
export async function campaignSentLast24h(db: Database, campaignIds: string[], now: Date): Promise<Map<string, number>> {
  const counts = new Map(campaignIds.map((id) => [id, 0]));
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({ campaignId: sendJobs.campaignId, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(inArray(sendJobs.campaignId, campaignIds), eq(sendJobs.status, 'sent'), gt(sendJobs.sentAt, new Date(now.getTime() - DAY_MS))))
    .groupBy(sendJobs.campaignId);
  for (const row of rows) counts.set(row.campaignId, row.n);
  return counts;
}

/** Pauses a campaign by itself, saying why in words the user understands. */
export async function pauseWithReason(db: Database, campaign: Pick<CampaignRow, 'id'>, reason: string, now: Date): Promise<boolean> {
  const paused = await db
    .update(campaigns)
    .set({ status: 'paused', statusReason: reason, updatedAt: now, version: sql`${campaigns.version} + 1` })
    .where(and(eq(campaigns.id, campaign.id), inArray(campaigns.status, ['scheduled', 'sending'])))
    .returning({ id: campaigns.id });
  return paused.length > 0;
}

/** Remembers when each campaign last sent (the fairness order of later ticks): once per tick, not per message. */
export async function noteLastSent(db: Database, lastSent: ReadonlyMap<string, Date>): Promise<void> {
  for (const [id, at] of lastSent) await db.update(campaigns).set({ lastSentAt: at }).where(eq(campaigns.id, id));
}
