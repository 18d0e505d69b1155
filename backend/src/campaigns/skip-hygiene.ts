import { and, eq, inArray } from 'drizzle-orm';
import type { ListHygieneKind } from '../../../shared/schemas/launch';
import type { AppDeps } from '../deps';
import { recipients } from '../db/schema';
import type { CampaignRow } from './campaign-store';
import { classifyAddresses } from './list-hygiene';
import { suppressedKeys } from './preflight';

/** Rows deleted per statement: SQLite's bound-parameter limit is far above, and each stays short. */
const DELETE_CHUNK = 500;

/**
 * "Skip these" in the preflight: removes the campaign's waiting recipients of `kinds`, sorted as the
 * preflight sorted them (same rules, same cached DNS answers), from the campaign. Returns how many.
 *
 * @example await skipHygiene(deps, campaign, ['typo', 'disposable'])
 */
export async function skipHygiene(deps: Pick<AppDeps, 'db' | 'dns'>, campaign: CampaignRow, kinds: ListHygieneKind[]): Promise<number> {
  const pending = await deps.db
    .select({ id: recipients.id, email: recipients.email, emailKey: recipients.emailKey })
    .from(recipients)
    .where(and(eq(recipients.campaignId, campaign.id), eq(recipients.status, 'pending')));
  const suppressed = await suppressedKeys(deps, campaign.userId);
  const classified = await classifyAddresses(deps, pending.filter((recipient) => !suppressed.has(recipient.emailKey)));
  const ids = [...classified].filter(([, found]) => kinds.includes(found.kind)).map(([recipient]) => recipient.id);
  for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
    await deps.db
      .delete(recipients)
      .where(and(eq(recipients.campaignId, campaign.id), eq(recipients.status, 'pending'), inArray(recipients.id, ids.slice(start, start + DELETE_CHUNK))));
  }
  return ids.length;
}
