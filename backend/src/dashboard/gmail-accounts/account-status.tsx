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
