import { and, eq, sql } from 'drizzle-orm';
import type { StatsOverview } from '../../../shared/schemas/analytics';
import type { Database } from '../db/database';
import { analyticsEvents, analyticsRecipients, analyticsSteps, campaigns } from '../db/schema';

/**
 * All of a user's campaigns at a glance: how many, in which state, and the honest totals. Summed from
 * each campaign's counters (migration 0010): a few rows per campaign, whatever its events.
 */
export async function statsOverview(db: Database, userId: string): Promise<StatsOverview> {
  const [byStatus, recipientStates, [messages], engagement] = await db.batch([
    db
      .select({ status: campaigns.status, n: sql<number>`count(*)` })
      .from(campaigns)
      .where(eq(campaigns.userId, userId))
      .groupBy(campaigns.status),
    db
      .select({ status: analyticsRecipients.status, n: sql<number>`sum(${analyticsRecipients.recipients})` })
      .from(campaigns)
      .innerJoin(analyticsRecipients, eq(analyticsRecipients.campaignId, campaigns.id))
      .where(eq(campaigns.userId, userId))
      .groupBy(analyticsRecipients.status),
    db
      .select({ n: sql<number>`coalesce(sum(${analyticsSteps.sent}), 0)` })
      .from(campaigns)
      .innerJoin(analyticsSteps, eq(analyticsSteps.campaignId, campaigns.id))
      .where(eq(campaigns.userId, userId)),
    // Distinct recipients per campaign who had an event as a person, over every step.
    db
      .select({ kind: analyticsEvents.kind, n: sql<number>`sum(${analyticsEvents.recipients})` })
      .from(campaigns)
      .innerJoin(analyticsEvents, eq(analyticsEvents.campaignId, campaigns.id))
      .where(and(eq(campaigns.userId, userId), eq(analyticsEvents.who, 'person'), eq(analyticsEvents.step, -1)))
      .groupBy(analyticsEvents.kind),
  ]);
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
