import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatCount } from '../format';
import { DataTableSection } from './data-table';
import { variantLetter } from '../campaign-editor/variants/variant-limits';

/**
 * Per-link and per-account numbers. A link is shown as written in the campaign, merge tags kept
 * (`https://x.test/offer?c={{company}}`), so the clicks of every recipient's merged URL add up on its
 * row; a follow-up's links are rows of their own, and so are each A/B variant's, named by its letter.
 */
export function BreakdownTables({ stats }: { stats: CampaignStats }) {
  return (
    <>
      <DataTableSection
        id="links-title"
        title="Links"
        empty="No clicks yet."
        testId="links-table"
        rows={stats.links}
        rowKey={(link) => `${link.step}-${link.variant ?? ''}-${link.linkIndex}-${link.asWritten ? '' : link.url}`}
        columns={[
          {
            title: 'Link',
            cell: (link) => (
              <span className="link-as-written" data-testid="link-url">
                {link.step > 0 && <span className="muted">follow-up {formatCount(link.step)}: </span>}
                {link.variant !== undefined && <span className="muted">variant {variantLetter(link.variant)}: </span>}
                {link.url || `Link ${formatCount(link.linkIndex + 1)}`}
              </span>
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
