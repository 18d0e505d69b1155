import { and, eq, inArray } from 'drizzle-orm';
import type { PreflightBlocker } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import { canReadMailbox } from '../gmail/scopes';
import type { CampaignRow } from './campaign-store';

/**
 * Send-only mode (gmail.send granted, gmail.readonly not): iConnect cannot see replies from such an
 * account, so a "stop on reply" follow-up (condition `no_reply`) would go to people who already
 * answered. The launch is refused with that reason unless the user says, explicitly, to send the
 * follow-ups to everyone (`followUpsWithoutReplyCheck`, shared/schemas/launch.ts).
 */
export async function sendOnlyFollowUpBlockers(
  deps: Pick<AppDeps, 'db'>,
  campaign: CampaignRow,
  options: { followUpsWithoutReplyCheck?: boolean | undefined },
): Promise<PreflightBlocker[]> {
  if (options.followUpsWithoutReplyCheck || campaign.accountIds.length === 0) return [];
  if (!campaign.followUps.some((step) => step.condition === 'no_reply')) return [];
  const accounts = await deps.db
    .select({ email: gmailAccounts.email, scopes: gmailAccounts.scopes })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds)));
  const sendOnly = accounts.filter((account) => !canReadMailbox(account)).map((account) => account.email);
  if (sendOnly.length === 0) return [];
  return [
    {
      code: 'follow-ups-need-read-permission',
      message:
        `${sendOnly.join(', ')} may only send (Gmail read permission not granted), so replies to it cannot be seen and "stop on reply" follow-ups would reach people who answered. ` +
        'Connect the account again with reply detection on, or launch with "send follow-ups to everyone".',
    },
  ];
}
