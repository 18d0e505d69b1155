import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Campaign, CampaignStatus, FollowUp, StoredFollowUp } from '../../../shared/schemas/campaigns';
import type { AppDeps } from '../deps';
import { campaigns, recipients } from '../db/schema';

export type CampaignRow = typeof campaigns.$inferSelect;
export type RecipientCounts = Campaign['counts'];

const EMPTY_COUNTS: RecipientCounts = { total: 0, pending: 0, sent: 0, replied: 0, bounced: 0, unsubscribed: 0, failed: 0 };

/** The campaign if this user owns it; another user's campaign is as absent as a missing one. */
export async function findCampaign(deps: Pick<AppDeps, 'db'>, userId: string, campaignId: string) {
  const [row] = await deps.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.userId, userId)))
    .limit(1);
  return row;
}

export async function listCampaigns(deps: Pick<AppDeps, 'db'>, userId: string) {
  return deps.db.select().from(campaigns).where(eq(campaigns.userId, userId)).orderBy(desc(campaigns.createdAt));
}

/** Recipient counts by state for several campaigns in one grouped query (served by recipients_by_campaign_status). */
export async function recipientCounts(deps: Pick<AppDeps, 'db'>, campaignIds: string[]): Promise<Map<string, RecipientCounts>> {
  const result = new Map<string, RecipientCounts>(campaignIds.map((id) => [id, { ...EMPTY_COUNTS }]));
  if (campaignIds.length === 0) return result;
  const rows = await deps.db
    .select({ campaignId: recipients.campaignId, status: recipients.status, n: sql<number>`count(*)` })
    .from(recipients)
    .where(inArray(recipients.campaignId, campaignIds))
    .groupBy(recipients.campaignId, recipients.status);
  for (const row of rows) {
    const counts = result.get(row.campaignId)!;
    counts.total += row.n;
    // 'skipped' recipients count in the total only: they will not be sent to.
    if (row.status in counts && row.status !== 'skipped') counts[row.status as Exclude<keyof RecipientCounts, 'total'>] += row.n;
  }
  return result;
}

/**
 * Writes `changes` only when the campaign is still at `expectedVersion` (when given), bumping the
 * version: a conditional UPDATE, so two editors cannot overwrite each other silently.
 */
export async function updateCampaign(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  row: CampaignRow,
  changes: Partial<Omit<CampaignRow, 'id' | 'userId' | 'version' | 'createdAt'>>,
  expectedVersion?: number,
): Promise<CampaignRow | null> {
  const conditions = [eq(campaigns.id, row.id), eq(campaigns.userId, row.userId)];
  if (expectedVersion !== undefined) conditions.push(eq(campaigns.version, expectedVersion));
  const [updated] = await deps.db
    .update(campaigns)
    .set({ ...changes, version: sql`${campaigns.version} + 1`, updatedAt: deps.clock.now() })
    .where(and(...conditions))
    .returning();
  return updated ?? null;
}

/** Sets the status only if it is still `from`: a transition two requests race for happens once. */
export async function transitionCampaign(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  row: CampaignRow,
  from: CampaignStatus[],
  to: CampaignStatus,
  extra: Partial<Pick<CampaignRow, 'statusReason' | 'launchedAt'>> = {},
): Promise<CampaignRow | null> {
  const [updated] = await deps.db
    .update(campaigns)
    .set({ status: to, statusReason: null, ...extra, version: sql`${campaigns.version} + 1`, updatedAt: deps.clock.now() })
    .where(and(eq(campaigns.id, row.id), eq(campaigns.userId, row.userId), inArray(campaigns.status, from)))
    .returning();
  return updated ?? null;
}

export async function deleteCampaign(deps: Pick<AppDeps, 'db'>, row: CampaignRow): Promise<void> {
  // Recipients (and later send jobs and events) go with it through ON DELETE CASCADE.
  await deps.db.delete(campaigns).where(and(eq(campaigns.id, row.id), eq(campaigns.userId, row.userId)));
}

export function toCampaign(row: CampaignRow, counts: RecipientCounts | undefined): Campaign {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    html: row.html,
    text: row.text,
    accountIds: row.accountIds,
    schedule: row.schedule,
    throttle: row.throttle,
    tracking: { opens: row.trackOpens, clicks: row.trackClicks, consentField: row.trackingConsentField },
    unsubscribe: row.unsubscribe,
    followUps: row.followUps.map(withStepVariants),
    attachmentField: row.attachmentField,
    variants: row.variants,
    abTest: row.abTest,
    abDecision: row.abDecision,
    status: row.status,
    statusReason: row.statusReason,
    fields: row.fields,
    counts: counts ?? { ...EMPTY_COUNTS },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    launchedAt: row.launchedAt?.toISOString() ?? null,
    recipientsDeletedAt: row.recipientsDeletedAt?.toISOString() ?? null,
  };
}

/** A follow-up as the API answers it: one stored before A/B variants (issue 18) has none. */
export function withStepVariants(step: StoredFollowUp): FollowUp {
  return { ...step, variants: step.variants ?? [] };
}
