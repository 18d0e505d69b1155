/** @jsxImportSource hono/jsx */
import type { GmailAccount } from '../../../../shared/schemas/accounts';

/** The account's state as a badge: words, not only a colour. */
export function AccountStatusBadge({ account }: { account: GmailAccount }) {
  return account.status === 'ok' ? <span class="badge badge-ok">OK</span> : <span class="badge badge-warning">Needs reconnecting</span>;
}

/**
 * "0 of 400 sent in the last 24 hours" with a meter. The sentence carries the numbers; the meter
 * is hidden from screen readers so they are not read twice.
 */
export function AccountUsage({ account }: { account: GmailAccount }) {
  return (
    <div class="usage">
      <p class="usage-text">
        {account.sentLast24h} of {account.dailyLimit} sent in the last 24 hours
      </p>
      <meter min={0} max={account.dailyLimit} high={Math.floor(account.dailyLimit * 0.9)} value={account.sentLast24h} aria-hidden="true">
        {account.sentLast24h} of {account.dailyLimit}
      </meter>
    </div>
  );
}

const count = (n: number) => new Intl.NumberFormat('en').format(n);

/**
 * "Gmail API: 1,240 of 6,000 units in the last minute" (issue 14), with a meter when a budget is
 * set: how close the engine runs this mailbox to its per-minute quota (a send costs 100 units).
 * Nothing when the answer has no quota (a process without the engine's budget).
 */
export function AccountQuota({ account }: { account: GmailAccount }) {
  const quota = account.quota;
  if (!quota) return null;
  const units = new Intl.PluralRules('en').select(quota.unitsLastMinute) === 'one' ? 'unit' : 'units';
  if (quota.unitsPerMinute === null) {
    return (
      <p class="usage-text" data-testid="account-quota">
        Gmail API: {count(quota.unitsLastMinute)} {units} in the last minute (no per-minute budget set)
      </p>
    );
  }
  return (
    <div class="usage">
      <p class="usage-text" data-testid="account-quota">
        Gmail API: {count(quota.unitsLastMinute)} of {count(quota.unitsPerMinute)} units in the last minute
      </p>
      <meter min={0} max={quota.unitsPerMinute} high={Math.floor(quota.unitsPerMinute * 0.9)} value={quota.unitsLastMinute} aria-hidden="true">
        {count(quota.unitsLastMinute)} of {count(quota.unitsPerMinute)}
      </meter>
    </div>
  );
}
