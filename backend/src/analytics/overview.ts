import { and, eq, sql } from 'drizzle-orm';
import type { StatsOverview } from '../../../shared/schemas/analytics';
import type { Database } from '../db/database';
import { campaigns, recipients, sendJobs, trackingEvents } from '../db/schema';

/** All of a user's campaigns at a glance: how many, in which state, and the honest totals. */
export async function statsOverview(db: Database, userId: string): Promise<StatsOverview> {
  const byStatus = await db
    .select({ status: campaigns.status, n: sql<number>`count(*)` })
    .from(campaigns)
    .where(eq(campaigns.userId, userId))
    .groupBy(campaigns.status);
  const recipientStates = await db
    .select({ status: recipients.status, n: sql<number>`count(*)` })
    .from(recipients)
    .where(eq(recipients.userId, userId))
    .groupBy(recipients.status);
  const [messages] = await db
    .select({ n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.userId, userId), eq(sendJobs.status, 'sent')));
  const engagement = await db
    .select({ kind: trackingEvents.kind, n: sql<number>`count(DISTINCT ${trackingEvents.campaignId} || ':' || ${trackingEvents.recipientId})` })
    .from(trackingEvents)
    .innerJoin(campaigns, eq(campaigns.id, trackingEvents.campaignId))
    .where(and(eq(campaigns.userId, userId), eq(trackingEvents.machine, false)))
    .groupBy(trackingEvents.kind);
  const state = (name: string) => recipientStates.find((row) => row.status === name)?.n ?? 0;
  const engaged = (kind: string) => engagement.find((row) => row.kind === kind)?.n ?? 0;
  return {
    campaigns: Object.fromEntries(byStatus.map((row) => [row.status, row.n])),
    recipients: recipientStates.reduce((sum, row) => sum + row.n, 0),
    messagesSent: messages?.n ?? 0,
    replied: state('replied'),
    bounced: state('bounced'),
    unsubscribed: state('unsubscribed'),
    humanOpens: engaged('open'),
    humanClicks: engaged('click'),
  };
}
