import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { gmailAccounts, jobLinks, recipients, sendJobs, trackingEvents } from '../db/schema';
import type { CampaignStats } from '../../../shared/schemas/analytics';
import type { CampaignRow } from '../campaigns/campaign-store';
import { linksAsWritten } from './written-links';

type Engagement = CampaignStats['opens'];

/**
 * A campaign's numbers, honest first: replies lead; opens and clicks are counted by distinct
 * recipient and split into people (`human`) and machines (image proxies, privacy prefetch, link
 * scanners). Rates are over recipients who were sent the first message; open and click rates over
 * those whose first message was tracked. Every count is an indexed
 * aggregate (see tracking_events_by_campaign_kind_recipient), so a million events stay quick.
 */
export async function campaignStats(db: Database, campaign: CampaignRow): Promise<CampaignStats> {
  const byStatus = await db
    .select({ status: recipients.status, n: sql<number>`count(*)` })
    .from(recipients)
    .where(eq(recipients.campaignId, campaign.id))
    .groupBy(recipients.status);
  const status = (name: string) => byStatus.find((row) => row.status === name)?.n ?? 0;
  const total = byStatus.reduce((sum, row) => sum + row.n, 0);

  const [reached] = await db
    .select({ n: sql<number>`count(*)`, tracked: sql<number>`coalesce(sum(${sendJobs.tracked}), 0)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.step, 0), eq(sendJobs.status, 'sent')));
  const sent = reached?.n ?? 0;
  // Opens and clicks can only be seen of messages that carried the pixel and tracked links (no
  // TRACKING=off, consent given, no opt-out): their rates are over those, not over everyone sent to.
  const tracked = Number(reached?.tracked ?? 0);

  const engagement = await db
    .select({
      kind: trackingEvents.kind,
      machine: trackingEvents.machine,
      recipients: sql<number>`count(DISTINCT ${trackingEvents.recipientId})`,
      events: sql<number>`count(*)`,
    })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, campaign.id), inArray(trackingEvents.kind, ['open', 'click'])))
    .groupBy(trackingEvents.kind, trackingEvents.machine);
  const [uniqueOpen] = await uniqueRecipients(db, campaign.id, 'open');
  const [uniqueClick] = await uniqueRecipients(db, campaign.id, 'click');
  const summarise = (kind: 'open' | 'click', unique: number): Engagement => {
    const rows = engagement.filter((row) => row.kind === kind);
    return {
      unique,
      human: rows.find((row) => !row.machine)?.recipients ?? 0,
      machine: rows.find((row) => row.machine)?.recipients ?? 0,
      total: rows.reduce((sum, row) => sum + row.events, 0),
    };
  };
  const opens = summarise('open', uniqueOpen?.n ?? 0);
  const clicks = summarise('click', uniqueClick?.n ?? 0);
  const replied = status('replied');
  const bounced = status('bounced');
  const unsubscribed = status('unsubscribed');
  const rateOf = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : 0);
  const rate = (n: number) => rateOf(n, sent);

  return {
    recipients: total,
    pending: status('pending'),
    sent,
    tracked,
    failed: status('failed'),
    skipped: status('skipped'),
    bounced,
    replied,
    unsubscribed,
    opens,
    clicks,
    rates: {
      replied: rate(replied),
      bounced: rate(bounced),
      unsubscribed: rate(unsubscribed),
      openedByPeople: rateOf(opens.human, tracked),
      clickedByPeople: rateOf(clicks.human, tracked),
    },
    steps: await stepStats(db, campaign.id),
    accounts: await accountStats(db, campaign),
    links: await linkStats(db, campaign),
  };
}

function uniqueRecipients(db: Database, campaignId: string, kind: 'open' | 'click') {
  return db
    .select({ n: sql<number>`count(DISTINCT ${trackingEvents.recipientId})` })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, campaignId), eq(trackingEvents.kind, kind)));
}

async function stepStats(db: Database, campaignId: string): Promise<CampaignStats['steps']> {
  const sentRows = await db
    .select({ step: sendJobs.step, n: sql<number>`count(*)` })
    .from(sendJobs)
    .where(and(eq(sendJobs.campaignId, campaignId), eq(sendJobs.status, 'sent')))
    .groupBy(sendJobs.step);
  const eventRows = await db
    .select({ step: trackingEvents.step, kind: trackingEvents.kind, n: sql<number>`count(DISTINCT ${trackingEvents.recipientId})` })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, campaignId), eq(trackingEvents.machine, false)))
    .groupBy(trackingEvents.step, trackingEvents.kind);
  const steps = new Set([...sentRows.map((row) => row.step), ...eventRows.map((row) => row.step ?? 0)]);
  return [...steps]
    .sort((a, b) => a - b)
    .map((step) => {
      const of = (kind: string) => eventRows.find((row) => (row.step ?? 0) === step && row.kind === kind)?.n ?? 0;
      return { step, sent: sentRows.find((row) => row.step === step)?.n ?? 0, humanOpens: of('open'), humanClicks: of('click'), replies: of('reply') };
    });
}

async function accountStats(db: Database, campaign: CampaignRow): Promise<CampaignStats['accounts']> {
  const rows = await db
    .select({ accountId: sendJobs.accountId, email: gmailAccounts.email, n: sql<number>`count(*)` })
    .from(sendJobs)
    .leftJoin(gmailAccounts, eq(gmailAccounts.id, sendJobs.accountId))
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.status, 'sent')))
    .groupBy(sendJobs.accountId);
  const outcomes = await db
    .select({ accountId: sendJobs.accountId, status: recipients.status, n: sql<number>`count(*)` })
    .from(sendJobs)
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(and(eq(sendJobs.campaignId, campaign.id), eq(sendJobs.step, 0), eq(sendJobs.status, 'sent'), inArray(recipients.status, ['replied', 'bounced'])))
    .groupBy(sendJobs.accountId, recipients.status);
  // The column is null only while a job waits for an account; a sent job always names the one that sent it.
  return rows.flatMap(({ accountId, email, n }) =>
    accountId === null
      ? []
      : [
          {
            accountId,
            // A disconnected account keeps its numbers, under the address it had.
            email: email ?? '(disconnected account)',
            sent: n,
            replied: outcomes.find((o) => o.accountId === accountId && o.status === 'replied')?.n ?? 0,
            bounced: outcomes.find((o) => o.accountId === accountId && o.status === 'bounced')?.n ?? 0,
          },
        ],
  );
}

/**
 * Clicks per link of each step, the link shown as written in the campaign (with its merge tags), not
 * as one recipient's merged URL (issue 14). Clicks are grouped by the template link's index, which
 * every click token carries; a click recorded without one (an older event) is grouped by the URL it
 * went to, and a link the template no longer has at that index shows the first recipient's URL.
 */
async function linkStats(db: Database, campaign: CampaignRow): Promise<CampaignStats['links']> {
  const urlWhenNoIndex = sql<string | null>`CASE WHEN ${trackingEvents.linkIndex} IS NULL THEN ${trackingEvents.url} END`;
  const rows = await db
    .select({
      step: trackingEvents.step,
      linkIndex: trackingEvents.linkIndex,
      eventUrl: urlWhenNoIndex,
      clicks: sql<number>`count(*)`,
      uniqueHuman: sql<number>`count(DISTINCT CASE WHEN ${trackingEvents.machine} = 0 THEN ${trackingEvents.recipientId} END)`,
      jobId: sql<number>`min(${trackingEvents.jobId})`,
    })
    .from(trackingEvents)
    .where(and(eq(trackingEvents.campaignId, campaign.id), eq(trackingEvents.kind, 'click')))
    .groupBy(trackingEvents.step, trackingEvents.linkIndex, urlWhenNoIndex);
  const written = linksAsWritten(campaign);
  const links: CampaignStats['links'] = [];
  for (const row of rows) {
    const step = row.step ?? 0;
    const asWritten = row.linkIndex === null ? undefined : written(step)[row.linkIndex];
    let url = asWritten ?? row.eventUrl ?? '';
    if (asWritten === undefined && row.linkIndex !== null) {
      const [link] = await db
        .select({ url: jobLinks.url })
        .from(jobLinks)
        .where(and(eq(jobLinks.jobId, row.jobId), eq(jobLinks.linkIndex, row.linkIndex)))
        .limit(1);
      url = link?.url ?? '';
    }
    links.push({ step, linkIndex: row.linkIndex ?? 0, url, asWritten: asWritten !== undefined, clicks: row.clicks, uniqueHuman: row.uniqueHuman });
  }
  return links.sort((a, b) => b.uniqueHuman - a.uniqueHuman || b.clicks - a.clicks || a.step - b.step || a.linkIndex - b.linkIndex);
}
