import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatCount } from '../format';
import { DataTableSection } from './data-table';

/** Per-link and per-account numbers. Links are shown by place in the message (a merge tag can make each URL differ). */
export function BreakdownTables({ stats }: { stats: CampaignStats }) {
  return (
    <>
      <DataTableSection
        id="links-title"
        title="Links"
        empty="No clicks yet."
        testId="links-table"
        rows={stats.links}
        rowKey={(link) => `${link.step}-${link.linkIndex}`}
        columns={[
          {
            title: 'Link',
            cell: (link) => (
              <>
                {link.url || `Link ${link.linkIndex + 1}`}
                {link.step > 0 && <span className="muted"> (follow-up {link.step})</span>}
              </>
            ),
          },
          { title: 'People', numeric: true, cell: (link) => formatCount(link.uniqueHuman) },
          { title: 'Clicks', numeric: true, cell: (link) => formatCount(link.clicks) },
        ]}
      />
      <DataTableSection
        id="accounts-stats-title"
        title="By sending account"
        empty="Nothing sent yet."
        testId="account-stats-table"
        rows={stats.accounts}
        rowKey={(account) => account.accountId}
        columns={[
          { title: 'Account', cell: (account) => account.email },
          { title: 'Sent', numeric: true, cell: (account) => formatCount(account.sent) },
          { title: 'Replies', numeric: true, cell: (account) => formatCount(account.replied) },
          { title: 'Bounces', numeric: true, cell: (account) => formatCount(account.bounced) },
        ]}
      />
    </>
  );
}
