import { useEffect, useRef } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatCount, formatInZone, formatPlural, zoneName } from '../format';
import { ProgressBar } from '../ui/progress-bar';
import { progressSummary } from './final-summary';
import { UncertainMessages } from './uncertain-messages';

/**
 * A launched campaign's progress: first messages sent of all, by account, expected finish, last
 * errors, the messages that may have gone out with what the user can do about each; for a finished
 * or cancelled one, its final summary. `focusOnShow`: the launch just happened here, so the focus
 * moves to this result (issue 14, Keyboard). `onChange`: the campaign after the user settled a message.
 */
export function SendingProgress({ campaign, focusOnShow = false, onChange }: { campaign: Campaign; focusOnShow?: boolean; onChange?(campaign: Campaign): void }) {
  const { counts, progress } = campaign;
  const reached = counts.sent + counts.replied + counts.bounced + counts.unsubscribed;
  const summary = progressSummary(campaign);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);
  const zone = campaign.schedule.timezone;
  // No "done around" while waiting: the estimate would read as if sending were under way.
  const finish = progress?.expectedFinishAt && campaign.status === 'sending' && !progress.waiting ? progress.expectedFinishAt : null;
  return (
    <section className="stack" aria-labelledby="progress-title" data-testid="sending-progress" data-status={campaign.status}>
      <h2 ref={heading} tabIndex={-1} className="section-title" id="progress-title" data-testid="progress-title">
        {summary.title}
      </h2>
      {summary.lead && (
        <p data-testid="progress-summary">{summary.lead}</p>
      )}
      <ProgressBar value={reached} max={counts.total} label={`${formatCount(reached)} of ${formatCount(counts.total)} sent`} testId="progress-bar" />
      <p className="muted">
        <span data-testid="progress-sent">{formatCount(reached)}</span> of {formatCount(counts.total)} reached ·{' '}
        {formatPlural(counts.replied, { one: 'reply', other: 'replies' })} · {formatCount(counts.failed)} failed
        {finish ? ` · done around ${formatInZone(finish, zone)} (${zoneName(zone)})` : ''}
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
      {onChange && <UncertainMessages campaign={campaign} onChange={onChange} />}
      {progress && progress.lastErrors.length > 0 && (
        <details>
          <summary>Last problems ({formatCount(progress.lastErrors.length)})</summary>
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
