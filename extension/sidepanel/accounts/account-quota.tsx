import type { AccountQuota as Quota } from '../../../shared/schemas/accounts';
import { formatCount, formatPlural } from '../format';
import { ProgressBar } from '../ui/progress-bar';

/**
 * The account's Gmail API units in words (issue 14): "Gmail API: 1,240 of 6,000 units in the last
 * minute", with a bar when the server sets a budget. A send costs 100 units, so this says how close
 * the engine runs the mailbox to Google's per-minute quota.
 */
export function quotaWords(quota: Quota): string {
  if (quota.unitsPerMinute === null) return `Gmail API: ${formatPlural(quota.unitsLastMinute, { one: 'unit', other: 'units' })} in the last minute (no per-minute budget set)`;
  return `Gmail API: ${formatCount(quota.unitsLastMinute)} of ${formatCount(quota.unitsPerMinute)} units in the last minute`;
}

/**
 * Nothing for an answer without a quota (an older server). "The last minute" is the minute before
 * the list was fetched: the screen's "Updated …" line says when that was.
 */
export function AccountQuota({ quota }: { quota: Quota | undefined }) {
  if (!quota) return null;
  const words = quotaWords(quota);
  return (
    <>
      {quota.unitsPerMinute !== null && <ProgressBar value={quota.unitsLastMinute} max={quota.unitsPerMinute} label={words} />}
      <p className="muted" data-testid="account-quota">
        {words}
      </p>
    </>
  );
}
