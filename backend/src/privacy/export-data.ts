import { asc, eq } from 'drizzle-orm';
import type { AppDeps } from '../deps';
import { apiTokens, campaigns, gmailAccounts, recipients, sendJobs, suppressions, users } from '../db/schema';
import { toGmailAccount } from '../accounts/account-store';
import { toCampaign } from '../campaigns/campaign-store';
import { toRecipient } from '../recipients/recipient-store';
import { toSuppression } from '../suppressions/suppression-store';
import { formatRecipientId } from '../db/recipient-id';
import { toSettings } from './settings-store';

/**
 * Everything stored about a user, as the privacy policy promises ("export of your data"): the
 * account, connected mailboxes (settings, never tokens), campaigns with their recipients and
 * delivery log, and the suppression list. Secrets (password hash, token hashes, OAuth tokens) stay out.
 */
export async function exportUserData(deps: Pick<AppDeps, 'db' | 'clock'>, userId: string) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, userId));
  const accountRows = await deps.db.select().from(gmailAccounts).where(eq(gmailAccounts.userId, userId));
  const campaignRows = await deps.db.select().from(campaigns).where(eq(campaigns.userId, userId)).orderBy(asc(campaigns.createdAt));
  const recipientRows = await deps.db.select().from(recipients).where(eq(recipients.userId, userId)).orderBy(asc(recipients.id));
  const jobRows = await deps.db.select().from(sendJobs).where(eq(sendJobs.userId, userId)).orderBy(asc(sendJobs.id));
  const tokenRows = await deps.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  const suppressionRows = await deps.db.select().from(suppressions).where(eq(suppressions.userId, userId));

  return {
    exportedAt: deps.clock.now().toISOString(),
    user: { id: user!.id, email: user!.email, createdAt: user!.createdAt.toISOString() },
    settings: toSettings(user!),
    apiTokens: tokenRows.map((row) => ({ name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null })),
    gmailAccounts: accountRows.map((row) => toGmailAccount(row, 0)),
    campaigns: campaignRows.map((campaign) => ({
      ...toCampaign(campaign, undefined),
      recipients: recipientRows.filter((row) => row.campaignId === campaign.id).map(toRecipient),
      deliveries: jobRows
        .filter((job) => job.campaignId === campaign.id)
        .map((job) => ({
          recipientId: formatRecipientId(job.recipientId),
          step: job.step,
          accountId: job.accountId,
          status: job.status,
          statusReason: job.statusReason,
          sentAt: job.sentAt?.toISOString() ?? null,
          messageId: job.messageId,
        })),
    })),
    suppressions: suppressionRows.map(toSuppression),
  };
}
