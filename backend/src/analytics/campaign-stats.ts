import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { analyticsAccounts, analyticsEvents, analyticsLinks, analyticsRecipients, analyticsSteps, analyticsVariants, gmailAccounts } from '../db/schema';
import type { CampaignStats } from '../../../shared/schemas/analytics';
import type { CampaignRow } from '../campaigns/campaign-store';
import { rateOf } from './rate-of';
import { variantStats } from './variant-stats';
import { linksWithVariants } from './written-links';

type Engagement = CampaignStats['opens'];

/**
 * A campaign's numbers, honest first: replies lead; opens and clicks are counted by distinct
 * recipient and split into people (`human`) and machines (image proxies, privacy prefetch, link
 * scanners). Rates are over recipients who were sent the first message; open and click rates over
 * those whose first message was tracked.
 *
 * Every figure is read from the counters that triggers keep on write (migration 0010, schema.ts
 * "Analytics counters"; per A/B variant, migration 0012): six primary-key range reads in one batch,
 * the same few rows whether the campaign has a hundred events or a million (bench/analytics-stats.ts).
 */
export async function campaignStats(db: Database, campaign: CampaignRow): Promise<CampaignStats> {
  const [byStatus, steps, events, accounts, links, variantRows] = await db.batch([
    db
      .select({ status: analyticsRecipients.status, n: analyticsRecipients.recipients })
      .from(analyticsRecipients)
      .where(eq(analyticsRecipients.campaignId, campaign.id)),
    db
      .select({ step: analyticsSteps.step, sent: analyticsSteps.sent, tracked: analyticsSteps.tracked })
      .from(analyticsSteps)
      .where(eq(analyticsSteps.campaignId, campaign.id))
      .orderBy(asc(analyticsSteps.step)),
    db
      .select({ kind: analyticsEvents.kind, who: analyticsEvents.who, step: analyticsEvents.step, events: analyticsEvents.events, recipients: analyticsEvents.recipients })
      .from(analyticsEvents)
      .where(eq(analyticsEvents.campaignId, campaign.id)),
    db
      .select({ accountId: analyticsAccounts.accountId, email: gmailAccounts.email, sent: analyticsAccounts.sent, replied: analyticsAccounts.replied, bounced: analyticsAccounts.bounced })
      .from(analyticsAccounts)
      .leftJoin(gmailAccounts, eq(gmailAccounts.id, analyticsAccounts.accountId))
      .where(and(eq(analyticsAccounts.campaignId, campaign.id), sql`${analyticsAccounts.sent} > 0`))
      .orderBy(asc(analyticsAccounts.accountId)),
    db
      .select({ step: analyticsLinks.step, linkIndex: analyticsLinks.linkIndex, url: analyticsLinks.url, clicks: analyticsLinks.clicks, uniqueHuman: analyticsLinks.uniqueHuman, firstJobId: analyticsLinks.firstJobId })
      .from(analyticsLinks)
      .where(and(eq(analyticsLinks.campaignId, campaign.id), sql`${analyticsLinks.clicks} > 0`)),
    // At most 5 variants of each of 11 steps.
    db
      .select({
        step: analyticsVariants.step,
        variant: analyticsVariants.variant,
        sent: analyticsVariants.sent,
        tracked: analyticsVariants.tracked,
        replied: analyticsVariants.replied,
        humanOpens: analyticsVariants.humanOpens,
        humanClicks: analyticsVariants.humanClicks,
        bounced: analyticsVariants.bounced,
        unsubscribed: analyticsVariants.unsubscribed,
      })
      .from(analyticsVariants)
      .where(eq(analyticsVariants.campaignId, campaign.id)),
  ]);

  const status = (name: string) => byStatus.find((row) => row.status === name)?.n ?? 0;
  const total = byStatus.reduce((sum, row) => sum + row.n, 0);
  const first = steps.find((row) => row.step === 0);
  const sent = first?.sent ?? 0;
  // Opens and clicks can only be seen of messages that carried the pixel and tracked links (no
  // TRACKING=off, consent given, no opt-out): their rates are over those, not over everyone sent to.
  const tracked = first?.tracked ?? 0;

  const counted = (kind: string, who: 'person' | 'machine' | 'any', step = -1) =>
    events.find((row) => row.kind === kind && row.who === who && row.step === step);
  const summarise = (kind: 'open' | 'click'): Engagement => ({
    unique: counted(kind, 'any')?.recipients ?? 0,
    human: counted(kind, 'person')?.recipients ?? 0,
    machine: counted(kind, 'machine')?.recipients ?? 0,
    total: counted(kind, 'any')?.events ?? 0,
  });
  const opens = summarise('open');
  const clicks = summarise('click');
  const replied = status('replied');
  const bounced = status('bounced');
  const unsubscribed = status('unsubscribed');
  const rate = (n: number) => rateOf(n, sent);

  // A step shows once a message of it was sent or a person's event of it was recorded.
  const stepNumbers = new Set([
    ...steps.filter((row) => row.sent > 0).map((row) => row.step),
    ...events.filter((row) => row.step >= 0 && row.who === 'person' && row.events > 0).map((row) => row.step),
  ]);
  const people = (kind: string, step: number) => counted(kind, 'person', step)?.recipients ?? 0;
  const variantsOf = variantStats(campaign, variantRows);
  const firstVariants = variantsOf(0);
  // Only when a step has variants do the answers carry them: a campaign without is answered as before.
  const withVariants = (list: CampaignStats['variants']) => (list && list.length > 0 ? { variants: list } : {});

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
    steps: [...stepNumbers]
      .sort((a, b) => a - b)
      .map((step) => ({
        step,
        sent: steps.find((row) => row.step === step)?.sent ?? 0,
        humanOpens: people('open', step),
        humanClicks: people('click', step),
        replies: people('reply', step),
        ...withVariants(variantsOf(step)),
      })),
    ...withVariants(firstVariants),
    abDecision: campaign.abDecision ?? null,
    // A disconnected account keeps its numbers, under the address it had.
    accounts: accounts.map((row) => ({ ...row, email: row.email ?? '(disconnected account)' })),
    links: await linkStats(db, campaign, links),
  };
}

type LinkRow = { step: number; linkIndex: number; url: string; clicks: number; uniqueHuman: number; firstJobId: number | null };

/**
 * Clicks per link of each step, the link shown as written in the campaign (with its merge tags), not
 * as one recipient's merged URL (issue 14). Clicks are grouped by the template link's index, which
 * every click token carries; a click recorded without one (an older event, `linkIndex` -1) is grouped
 * by the URL it went to, and a link the template no longer has at that index shows the first
 * recipient's URL: all of those found in one query.
 */
async function linkStats(db: Database, campaign: CampaignRow, rows: readonly LinkRow[]): Promise<CampaignStats['links']> {
  const written = linksWithVariants(campaign);
  const asWrittenOf = (row: LinkRow) => (row.linkIndex < 0 ? undefined : written(row.step)[row.linkIndex]);
  const missing = rows.filter((row) => row.linkIndex >= 0 && asWrittenOf(row) === undefined && row.firstJobId !== null);
  const recorded = new Map<string, string>();
  if (missing.length > 0) {
    // Our own integers only, so one JSON parameter carries the (job, link) pairs; job_links_pk finds each.
    const pairs = JSON.stringify(missing.map((row) => [row.firstJobId, row.linkIndex]));
    const found = await db.all<{ job_id: number; link_index: number; url: string }>(sql`
      SELECT job_links.job_id, job_links.link_index, job_links.url
      FROM json_each(${pairs}) AS pair
      JOIN job_links ON job_links.job_id = pair.value->>0 AND job_links.link_index = pair.value->>1`);
    for (const link of found) recorded.set(`${link.job_id}:${link.link_index}`, link.url);
  }
  return rows
    .map((row) => {
      const asWritten = asWrittenOf(row);
      const url = asWritten?.url ?? (row.linkIndex < 0 ? row.url : (recorded.get(`${row.firstJobId}:${row.linkIndex}`) ?? ''));
      // In a step with variants, the one the link is written in (its index runs on through them).
      const variant = asWritten?.variant ?? null;
      return {
        step: row.step,
        linkIndex: Math.max(row.linkIndex, 0),
        url,
        asWritten: asWritten !== undefined,
        clicks: row.clicks,
        uniqueHuman: row.uniqueHuman,
        ...(variant === null ? {} : { variant }),
      };
    })
    .sort((a, b) => b.uniqueHuman - a.uniqueHuman || b.clicks - a.clicks || a.step - b.step || a.linkIndex - b.linkIndex);
}
