import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatCount, formatDateTime } from '../format';
import { ProgressBar } from '../ui/progress-bar';

/** A launched campaign's progress: first messages sent of all, by account, expected finish, last errors. */
export function SendingProgress({ campaign }: { campaign: Campaign }) {
  const { counts, progress } = campaign;
  const reached = counts.sent + counts.replied + counts.bounced + counts.unsubscribed;
  return (
    <section className="stack" aria-labelledby="progress-title" data-testid="sending-progress">
      <h2 className="section-title" id="progress-title">
        Progress
      </h2>
      <ProgressBar value={reached} max={counts.total} label={`${reached} of ${counts.total} sent`} testId="progress-bar" />
      <p className="muted">
        <span data-testid="progress-sent">{formatCount(reached)}</span> of {formatCount(counts.total)} reached ·{' '}
        <strong>{formatCount(counts.replied)}</strong> replied · {formatCount(counts.failed)} failed
        {progress?.expectedFinishAt && campaign.status === 'sending' ? ` · done around ${formatDateTime(progress.expectedFinishAt)}` : ''}
      </p>
      {campaign.statusReason && <p className="muted">{campaign.statusReason}</p>}
      {progress && progress.accounts.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Sending accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Sent
              </th>
              <th scope="col" className="num">
                Last 24 h
              </th>
            </tr>
          </thead>
          <tbody>
            {progress.accounts.map((account) => (
              <tr key={account.id}>
                <td>
                  {account.email}
                  {account.status !== 'ok' && <span className="account-choice__warn"> ({account.status})</span>}
                </td>
                <td className="num">{formatCount(account.sent)}</td>
                <td className="num">
                  {formatCount(account.sentLast24h)}/{formatCount(account.dailyLimit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {progress && progress.lastErrors.length > 0 && (
        <details>
          <summary>Last problems ({progress.lastErrors.length})</summary>
          <ul className="muted">
            {progress.lastErrors.map((problem, index) => (
              <li key={index}>
                {problem.recipient} (step {problem.step + 1}): {problem.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
