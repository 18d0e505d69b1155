import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatCount } from '../format';

/** Per-link and per-account numbers. Links are shown by place in the message (a merge tag can make each URL differ). */
export function BreakdownTables({ stats }: { stats: CampaignStats }) {
  return (
    <>
      <section className="stack" aria-labelledby="links-title">
        <h3 className="section-title" id="links-title">
          Links
        </h3>
        {stats.links.length === 0 ? (
          <p className="muted">No clicks yet.</p>
        ) : (
          <table className="data-table" data-testid="links-table">
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col" className="num">
                  People
                </th>
                <th scope="col" className="num">
                  Clicks
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.links.map((link) => (
                <tr key={`${link.step}-${link.linkIndex}`}>
                  <td>
                    {link.url || `Link ${link.linkIndex + 1}`}
                    {link.step > 0 && <span className="muted"> (follow-up {link.step})</span>}
                  </td>
                  <td className="num">{formatCount(link.uniqueHuman)}</td>
                  <td className="num">{formatCount(link.clicks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="stack" aria-labelledby="accounts-stats-title">
        <h3 className="section-title" id="accounts-stats-title">
          By sending account
        </h3>
        {stats.accounts.length === 0 ? (
          <p className="muted">Nothing sent yet.</p>
        ) : (
          <table className="data-table" data-testid="account-stats-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  Sent
                </th>
                <th scope="col" className="num">
                  Replies
                </th>
                <th scope="col" className="num">
                  Bounces
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.accounts.map((account) => (
                <tr key={account.accountId}>
                  <td>{account.email}</td>
                  <td className="num">{formatCount(account.sent)}</td>
                  <td className="num">{formatCount(account.replied)}</td>
                  <td className="num">{formatCount(account.bounced)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
