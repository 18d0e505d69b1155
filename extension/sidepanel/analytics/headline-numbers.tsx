import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatCount, formatRate } from '../format';

/**
 * The numbers that matter, in order: replies, then people opening and clicking (with machine
 * events — image proxies, privacy prefetch, link scanners — beside them, not mixed in), then bounces
 * and unsubscribes.
 */
export function HeadlineNumbers({ stats }: { stats: CampaignStats }) {
  return (
    <div className="headline" data-testid="headline-numbers">
      <div className="headline__card headline__card--lead">
        <span className="headline__label">Replies</span>
        <span className="headline__value" data-testid="stat-replied">
          {formatCount(stats.replied)}
        </span>
        <span className="headline__rate">{formatRate(stats.rates.replied)} of sent</span>
      </div>
      <div className="headline__card">
        <span className="headline__label">Sent</span>
        <span className="headline__value" data-testid="stat-sent">
          {formatCount(stats.sent)}
        </span>
        <span className="headline__rate">of {formatCount(stats.recipients)} recipients</span>
      </div>
      <div className="headline__card">
        <span className="headline__label">Opened by people</span>
        <span className="headline__value" data-testid="stat-opens-human">
          {formatCount(stats.opens.human)}
        </span>
        <span className="headline__rate">
          {formatRate(stats.rates.openedByPeople)} · {formatCount(stats.opens.machine)} by machines
        </span>
      </div>
      <div className="headline__card">
        <span className="headline__label">Clicked by people</span>
        <span className="headline__value" data-testid="stat-clicks-human">
          {formatCount(stats.clicks.human)}
        </span>
        <span className="headline__rate">
          {formatRate(stats.rates.clickedByPeople)} · {formatCount(stats.clicks.machine)} by scanners
        </span>
      </div>
      <p className="headline__small muted">
        {formatCount(stats.bounced)} bounced ({formatRate(stats.rates.bounced)}) · {formatCount(stats.unsubscribed)} unsubscribed (
        {formatRate(stats.rates.unsubscribed)}) · {formatCount(stats.pending)} waiting · {formatCount(stats.failed)} failed · {formatCount(stats.skipped)} skipped
      </p>
    </div>
  );
}
