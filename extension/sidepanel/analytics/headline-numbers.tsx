import type { ReactNode } from 'react';
import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatCount, formatRate } from '../format';

/**
 * The numbers that matter, in order: replies, then people opening and clicking (with machine
 * events — image proxies, privacy prefetch, link scanners — beside them, not mixed in), then bounces
 * and unsubscribes.
 */
export function HeadlineNumbers({ stats }: { stats: CampaignStats }) {
  // Opens and clicks are seen only of tracked messages (consent, opt-outs, TRACKING=off): say so when that is not everyone.
  const ofTracked = stats.tracked !== undefined && stats.tracked < stats.sent ? ` of ${formatCount(stats.tracked)} tracked` : '';
  return (
    <div className="headline" data-testid="headline-numbers">
      <HeadlineCard lead label="Replies" testId="stat-replied" value={stats.replied}>
        {formatRate(stats.rates.replied)} of sent
      </HeadlineCard>
      <HeadlineCard label="Sent" testId="stat-sent" value={stats.sent}>
        of {formatCount(stats.recipients)} recipients
      </HeadlineCard>
      <HeadlineCard label="Opened by people" testId="stat-opens-human" value={stats.opens.human}>
        {formatRate(stats.rates.openedByPeople)}{ofTracked} · {formatCount(stats.opens.machine)} by machines
      </HeadlineCard>
      <HeadlineCard label="Clicked by people" testId="stat-clicks-human" value={stats.clicks.human}>
        {formatRate(stats.rates.clickedByPeople)}{ofTracked} · {formatCount(stats.clicks.machine)} by scanners
      </HeadlineCard>
      <p className="headline__small muted">
        {formatCount(stats.bounced)} bounced ({formatRate(stats.rates.bounced)}) · {formatCount(stats.unsubscribed)} unsubscribed (
        {formatRate(stats.rates.unsubscribed)}) · {formatCount(stats.pending)} waiting · {formatCount(stats.failed)} failed · {formatCount(stats.skipped)} skipped
      </p>
    </div>
  );
}

/** One number with its label and, under it, what it is out of. */
function HeadlineCard(props: { label: string; testId: string; value: number; lead?: boolean; children: ReactNode }) {
  return (
    <div className={props.lead ? 'headline__card headline__card--lead' : 'headline__card'}>
      <span className="headline__label">{props.label}</span>
      <span className="headline__value" data-testid={props.testId}>
        {formatCount(props.value)}
      </span>
      <span className="headline__rate">{props.children}</span>
    </div>
  );
}
