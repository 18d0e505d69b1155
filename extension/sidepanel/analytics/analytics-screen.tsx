import { useCallback, useEffect } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { CampaignStats } from '../../../shared/schemas/analytics';
import { formatAgo } from '../format';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { useCached } from '../use-cached';
import { BreakdownTables } from './breakdown-tables';
import { HeadlineNumbers } from './headline-numbers';
import { TimelineSection } from './timeline-section';
import { VariantTables } from './variant-tables';
import './analytics.css';

/**
 * A campaign's results: replies first, people apart from machines, over time, by link and account.
 * `onRefresh` reloads the campaign itself, so its status (Sending → Completed) moves with the numbers.
 */
export function AnalyticsScreen({ campaign, onRefresh }: { campaign: Campaign; onRefresh(): Promise<void> }) {
  // The status shown above the tabs may be from before the last messages went out.
  useEffect(() => {
    void onRefresh();
    // Once per visit to this tab, not on every new function identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign.id]);
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'campaigns/stats', id: campaign.id, source }), [campaign.id]);
  const stats = useCached<CampaignStats | null>(load);

  return (
    <div className="stack" data-testid="analytics">
      <div className="row row--between">
        <h2 className="section-title">Results</h2>
        <button type="button" className="link-button" onClick={() => void Promise.all([stats.refresh(), onRefresh()])} disabled={stats.refreshing} data-testid="analytics-refresh">
          {stats.refreshing ? 'Updating…' : stats.fetchedAt ? `Updated ${formatAgo(stats.fetchedAt)} · refresh` : 'Refresh'}
        </button>
      </div>
      {stats.error && <InlineAlert message={stats.data ? `Showing saved numbers: ${stats.error.message}` : stats.error.message} testId="analytics-error" />}
      {!stats.data && stats.refreshing && <StateMessage kind="loading" title="Counting…" />}
      {stats.data && stats.data.sent === 0 && campaign.status === 'draft' && (
        <StateMessage kind="empty" title="Nothing sent yet">
          <p className="muted">Numbers appear here once the campaign is launched.</p>
        </StateMessage>
      )}
      {stats.data && <HeadlineNumbers stats={stats.data} />}
      {stats.data && stats.data.sent > 0 && <TimelineSection campaignId={campaign.id} version={stats.fetchedAt} />}
      {stats.data && <VariantTables stats={stats.data} />}
      {stats.data && <BreakdownTables stats={stats.data} />}
    </div>
  );
}
