import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { PreflightWarning } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { accountSends, gmailAccounts, recipients, sendJobs, suppressions } from '../db/schema';
import { domainOf, isConsumerGmailAddress } from '../limits/account-types';
import { DAY_MS } from '../limits/daily-limits';
import { effectiveDailyLimit } from '../limits/warmup';
import { effectiveGap } from '../schedule/gap';
import { windowOnDay } from '../schedule/window';
import { wallTimeOf } from '../schedule/wall-time';
import type { CampaignRow } from './campaign-store';

/**
 * Google's bulk-sender threshold, checked before launch. "A bulk sender is any email sender that
 * sends close to 5,000 messages or more to personal Gmail accounts within a 24-hour period.
 * Messages sent from the same primary domain count toward the 5,000 limit", and the status is
 * permanent (Email sender guidelines FAQ, https://support.google.com/a/answer/14229414). A bulk
 * sender must authenticate with SPF, DKIM and DMARC, offer one-click unsubscribe (RFC 8058) and
 * keep its spam rate below 0.3%, or Gmail rejects its mail (Email sender guidelines,
 * https://support.google.com/a/answer/81126).
 *
 * Per sending domain of the campaign's ready accounts (consumer gmail.com / googlemail.com senders
 * are skipped: the rule is about the sender's own primary domain, and gmail.com is Google's), we
 * add what the user's accounts on that domain sent to personal Gmail addresses in the last 24 hours
 * and the most this campaign can send them in the next 24 hours, and warn from WARN_AT.
 */
export const BULK_SENDER_THRESHOLD = 5000;
/**
 * Warn at 4,000, a fifth below: Google says "close to 5,000", and this server does not see the
 * domain's other mail (colleagues' mailboxes, other tools, other campaigns' next 24 hours).
 */
export const BULK_SENDER_WARN_AT = 4000;

const GMAIL_RECIPIENT = sql`(lower(${recipients.email}) LIKE '%@gmail.com' OR lower(${recipients.email}) LIKE '%@googlemail.com')`;
const number = new Intl.NumberFormat('en-US');

/**
 * The organisational ("primary") domain, approximated without a public-suffix list: the last two
 * labels, or three under a two-letter country code with a short second level (co.uk, com.au).
 *
 * @example primaryDomain('promotions.solarmora.com') // 'solarmora.com'
 */
export function primaryDomain(domain: string): string {
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const keep = tld.length === 2 && second.length <= 3 && labels.length > 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

type ReadyAccount = typeof gmailAccounts.$inferSelect;

/** The preflight's bulk-sender warnings (one per primary domain at or over WARN_AT). */
export async function bulkSenderWarnings(deps: Pick<AppDeps, 'db' | 'clock'>, campaign: CampaignRow, sendable: number): Promise<PreflightWarning[]> {
  if (campaign.accountIds.length === 0) return [];
  const now = deps.clock.now();
  const ready = await deps.db
    .select()
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds), eq(gmailAccounts.status, 'ok')));
  const ownDomain = ready.filter((account) => !isConsumerGmailAddress(account.email));
  if (ownDomain.length === 0) return [];

  const next24h = await campaignGmailMessagesNext24h(deps, campaign, sendable, ready, now);
  const byDomain = new Map<string, ReadyAccount[]>();
  for (const account of ownDomain) {
    const domain = primaryDomain(domainOf(account.email));
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), account]);
  }
  const warnings: PreflightWarning[] = [];
  for (const [domain, accounts] of byDomain) {
    const sent = await sentToGmailLast24h(deps, campaign.userId, domain, now);
    const coming = Math.ceil(accounts.reduce((sum, account) => sum + (next24h.get(account.id) ?? 0), 0));
    const total = sent + coming;
    if (total < BULK_SENDER_WARN_AT) continue;
    warnings.push({
      code: 'bulk-sender',
      message:
        `${domain} may reach ${number.format(total)} messages to personal Gmail addresses within 24 hours ` +
        `(${number.format(sent)} sent in the last 24 hours, up to ${number.format(coming)} more from this campaign). ` +
        `Google treats a domain that sends close to ${number.format(BULK_SENDER_THRESHOLD)} a day to personal Gmail accounts as a bulk sender, for good: ` +
        'its mail must then pass SPF, DKIM and DMARC, offer one-click unsubscribe and keep the spam rate below 0.3%, or Gmail rejects it. ' +
        "Lower the accounts' daily limits or the campaign's daily cap to stay below.",
    });
  }
  return warnings;
}

/**
 * The most each ready account can send to personal Gmail addresses for this campaign in the next
 * 24 hours: the campaign's messages due then (first messages, and follow-ups whose delays add up
 * to less than a day), spread over the accounts by what each can send in the next 24 hours (its
 * pace in the windows that open then, at most its daily limit: Google's window is a rolling 24
 * hours), at most the campaign's daily cap, in the share of sendable recipients at Gmail.
 */
async function campaignGmailMessagesNext24h(
  deps: Pick<AppDeps, 'db'>,
  campaign: CampaignRow,
  sendable: number,
  ready: ReadyAccount[],
  now: Date,
): Promise<Map<string, number>> {
  const shares = new Map<string, number>();
  if (sendable <= 0) return shares;
  const gmailSendable = Math.min(sendable, await gmailRecipientsPending(deps, campaign));
  if (gmailSendable === 0) return shares;
  let elapsedHours = 0;
  let stepsInADay = 1;
  for (const step of campaign.followUps) {
    elapsedHours += step.delayHours;
    if (elapsedHours < 24) stepsInADay++;
  }
  const capacity = new Map(ready.map((account) => [account.id, accountCapacityNext24h(campaign, account, now)]));
  const totalCapacity = [...capacity.values()].reduce((sum, n) => sum + n, 0);
  if (totalCapacity === 0) return shares;
  const messages = Math.min(sendable * stepsInADay, totalCapacity, campaign.throttle.dailyCap ?? Infinity);
  const gmailMessages = messages * (gmailSendable / sendable);
  for (const [id, room] of capacity) shares.set(id, gmailMessages * (room / totalCapacity));
  return shares;
}

/**
 * Messages one account can send in the next 24 hours: one per mean gap in each window then open, at
 * most its daily limit as it applies then. With warm-up (limits/warmup.ts), the ramp's figure rather
 * than the account's full limit: the limit at the end of the 24 hours, the highest that applies in
 * them (a ramp never goes down), since each send is checked against the limit of its own moment.
 */
function accountCapacityNext24h(campaign: CampaignRow, account: ReadyAccount, now: Date): number {
  const { schedule } = campaign;
  const gap = effectiveGap(account, campaign.throttle);
  const meanGapMs = ((gap.minGapSeconds + gap.maxGapSeconds) / 2) * 1000;
  const fromMs = Math.max(now.getTime(), schedule.startAt === null ? -Infinity : new Date(schedule.startAt).getTime());
  const untilMs = now.getTime() + DAY_MS;
  const firstDay = wallTimeOf(schedule.timezone, fromMs).day - 1;
  let slots = 0;
  for (let day = firstDay; day <= firstDay + 3; day++) {
    const window = windowOnDay(schedule, day);
    if (!window) continue;
    const spanMs = Math.min(window.closeMs, untilMs) - Math.max(window.openMs, fromMs);
    if (spanMs > 0) slots += meanGapMs > 0 ? Math.ceil(spanMs / meanGapMs) : Infinity;
  }
  return Math.min(slots, effectiveDailyLimit(account, untilMs - 1));
}

async function gmailRecipientsPending(deps: Pick<AppDeps, 'db'>, campaign: CampaignRow): Promise<number> {
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(recipients)
    .where(
      and(
        eq(recipients.campaignId, campaign.id),
        eq(recipients.status, 'pending'),
        GMAIL_RECIPIENT,
        sql`${recipients.emailKey} NOT IN (SELECT ${suppressions.emailKey} FROM ${suppressions} WHERE ${suppressions.userId} = ${campaign.userId})`,
      ),
    );
  return row?.n ?? 0;
}

/** Messages the user's accounts on `domain` (and its subdomains) sent to personal Gmail addresses in the last 24 hours. */
async function sentToGmailLast24h(deps: Pick<AppDeps, 'db'>, userId: string, domain: string, now: Date): Promise<number> {
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(accountSends)
    .innerJoin(gmailAccounts, eq(gmailAccounts.id, accountSends.accountId))
    .innerJoin(sendJobs, eq(sendJobs.id, accountSends.jobId))
    .innerJoin(recipients, eq(recipients.id, sendJobs.recipientId))
    .where(
      and(
        eq(gmailAccounts.userId, userId),
        sql`(lower(${gmailAccounts.email}) LIKE ${`%@${domain}`} OR lower(${gmailAccounts.email}) LIKE ${`%.${domain}`})`,
        gt(accountSends.sentAt, new Date(now.getTime() - DAY_MS)),
        GMAIL_RECIPIENT,
      ),
    );
  return row?.n ?? 0;
}
