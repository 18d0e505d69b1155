import { and, eq, inArray } from 'drizzle-orm';
import type { PreflightWarning } from '../../../shared/schemas/launch';
import { checkDomainAuth } from '../accounts/domain-auth';
import type { AppDeps } from '../deps';
import { gmailAccounts } from '../db/schema';
import type { CampaignRow } from './campaign-store';

const CHECK_NAMES = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;

/**
 * A preflight warning for each sending domain whose SPF, DKIM or DMARC is missing or wrong: since
 * November 2025 Gmail rejects unauthenticated bulk mail (support.google.com/a/answer/81126). A
 * lookup that could not be made (`unknown`) warns nothing: we only say what we saw.
 *
 * @example const warnings = await senderAuthWarnings(deps, campaign)
 */
export async function senderAuthWarnings(deps: Pick<AppDeps, 'db' | 'clock' | 'dns'>, campaign: CampaignRow): Promise<PreflightWarning[]> {
  if (campaign.accountIds.length === 0) return [];
  const accounts = await deps.db
    .select({ email: gmailAccounts.email, dkimSelector: gmailAccounts.dkimSelector })
    .from(gmailAccounts)
    .where(and(eq(gmailAccounts.userId, campaign.userId), inArray(gmailAccounts.id, campaign.accountIds)));
  const byDomain = new Map(accounts.map((account) => [account.email.slice(account.email.lastIndexOf('@') + 1).toLowerCase(), account]));
  const warnings: PreflightWarning[] = [];
  for (const { email, dkimSelector } of byDomain.values()) {
    const auth = await checkDomainAuth(deps, email, dkimSelector ?? undefined);
    if (!auth) continue;
    for (const check of ['spf', 'dkim', 'dmarc'] as const) {
      const { status, reason } = auth[check];
      if (status === 'missing' || status === 'invalid') {
        warnings.push({ code: `sender-auth-${check}`, message: `${CHECK_NAMES[check]} of ${auth.domain} (${email}): ${reason}` });
      }
    }
  }
  return warnings;
}
