import { useCallback } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { AnalyticsScreen } from '../analytics/analytics-screen';
import { CampaignEditor } from '../campaign-editor/campaign-editor';
import { formatAgo, formatWaiting } from '../format';
import { ImportScreen } from '../import/import-screen';
import { LaunchScreen } from '../launch/launch-screen';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { StatusBadge } from '../ui/status-badge';
import { Tabs } from '../ui/tabs';
import { useCached } from '../use-cached';
import './campaign.css';

export type CampaignTab = 'write' | 'recipients' | 'launch' | 'analytics';

const TABS = [
  { key: 'write', label: 'Write' },
  { key: 'recipients', label: 'Recipients' },
  { key: 'launch', label: 'Launch' },
  { key: 'analytics', label: 'Analytics' },
] as const;

interface CampaignScreenProps {
  id: string;
  tab: CampaignTab;
  onTab(tab: CampaignTab): void;
  onBack(): void;
  onOpenAccounts(): void;
}

/** One campaign: its header, and the four steps of its life as tabs. */
export function CampaignScreen({ id, tab, onTab, onBack, onOpenAccounts }: CampaignScreenProps) {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'campaigns/get', id, source }), [id]);
  const state = useCached<Campaign | null>(load);
  const campaign = state.data ?? null;
  const onChange = useCallback((next: Campaign) => state.replace(next), [state.replace]);

  return (
    <section className="stack" aria-labelledby="campaign-title" data-testid="campaign-screen">
      <div className="row campaign-head">
        <button type="button" className="link-button" onClick={onBack} data-testid="back-to-list">
          ← All campaigns
        </button>
        <span className="muted campaign-head__fresh" aria-live="polite">
          {state.refreshing ? 'Updating…' : state.fetchedAt ? `Updated ${formatAgo(state.fetchedAt)}` : ''}
        </span>
      </div>
      {campaign && (
        <div className="row row--between campaign-head__title">
          <h1 className="section-title" id="campaign-title" data-testid="campaign-title">
            {campaign.name}
          </h1>
          <StatusBadge status={campaign.status} />
        </div>
      )}
      {campaign?.progress?.waiting && (
        <p className="muted" data-testid="campaign-waiting" role="status">
          {formatWaiting(campaign.progress.waiting, campaign.schedule.timezone)}
        </p>
      )}
      {state.error && <InlineAlert message={campaign ? `Showing a saved copy: ${state.error.message}` : state.error.message} testId="campaign-error" />}
      {!campaign && state.refreshing && <StateMessage kind="loading" title="Loading the campaign…" />}
      {!campaign && !state.refreshing && !state.error && <StateMessage kind="empty" title="This campaign no longer exists." />}
      {campaign && (
        <>
          <Tabs label="Campaign steps" tabs={TABS} current={tab} onChange={onTab} testIdPrefix="campaign-tab" />
          <div role="tabpanel" aria-labelledby={`campaign-tab-${tab}`}>
            {tab === 'write' && <CampaignEditor campaign={campaign} onSaved={onChange} onReload={state.refresh} onOpenAccounts={onOpenAccounts} />}
            {tab === 'recipients' && <ImportScreen campaign={campaign} onImported={state.refresh} />}
            {tab === 'launch' && <LaunchScreen campaign={campaign} onChange={onChange} onRefresh={state.refresh} onEdit={() => onTab('write')} />}
            {tab === 'analytics' && <AnalyticsScreen campaign={campaign} onRefresh={state.refresh} />}
          </div>
        </>
      )}
    </section>
  );
}
