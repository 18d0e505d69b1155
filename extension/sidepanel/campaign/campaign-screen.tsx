import { useCallback, useRef, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { AnalyticsScreen } from '../analytics/analytics-screen';
import { CampaignEditor } from '../campaign-editor/campaign-editor';
import { formatAgo } from '../format';
import { ImportScreen } from '../import/import-screen';
import { LaunchScreen } from '../launch/launch-screen';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { StatusBadge } from '../ui/status-badge';
import { Tabs } from '../ui/tabs';
import { useCached } from '../use-cached';
import { useOpenFocus } from './use-open-focus';
import { WaitingLine } from './waiting-line';
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
  // A save or an action answered by the server is as fresh as a refresh: "Updated just now" (issue 14).
  // An edit only queued on this device keeps the server's updatedAt, and the older freshness with it.
  const [answeredAt, setAnsweredAt] = useState<string | null>(null);
  const onChange = useCallback(
    (next: Campaign) => {
      if (next.updatedAt !== campaign?.updatedAt) setAnsweredAt(new Date().toISOString());
      state.replace(next);
    },
    [state.replace, campaign?.updatedAt],
  );
  const freshAt = [state.fetchedAt, answeredAt].filter((at): at is string => at !== null).sort().at(-1);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useOpenFocus(id, campaign !== null, headingRef, panelRef);
  // The Launch tab's "Go to …" (a missing field's place): the Write tab opens there.
  const [goTo, setGoTo] = useState<{ place: string } | null>(null);

  return (
    <section className="stack" aria-labelledby="campaign-title" data-testid="campaign-screen">
      <div className="row campaign-head">
        <button type="button" className="link-button" onClick={onBack} data-testid="back-to-list">
          ← All campaigns
        </button>
        <span className="muted campaign-head__fresh" aria-live="polite" data-testid="campaign-fresh">
          {state.refreshing ? 'Updating…' : freshAt ? `Updated ${formatAgo(freshAt)}` : ''}
        </span>
      </div>
      {campaign && (
        <div className="row row--between campaign-head__title">
          <h1 ref={headingRef} tabIndex={-1} className="section-title" id="campaign-title" data-testid="campaign-title">
            {campaign.name}
          </h1>
          <StatusBadge status={campaign.status} waiting={campaign.progress?.waiting} />
        </div>
      )}
      {campaign?.progress?.waiting && <WaitingLine waiting={campaign.progress.waiting} timeZone={campaign.schedule.timezone} live />}
      {state.error && <InlineAlert message={campaign ? `Showing a saved copy: ${state.error.message}` : state.error.message} testId="campaign-error" />}
      {!campaign && state.refreshing && <StateMessage kind="loading" title="Loading the campaign…" />}
      {!campaign && !state.refreshing && !state.error && <StateMessage kind="empty" title="This campaign no longer exists." />}
      {campaign && (
        <>
          <Tabs label="Campaign steps" tabs={TABS} current={tab} onChange={onTab} testIdPrefix="campaign-tab" />
          <div ref={panelRef} role="tabpanel" aria-labelledby={`campaign-tab-${tab}`}>
            {tab === 'write' && <CampaignEditor campaign={campaign} onSaved={onChange} onReload={state.refresh} onOpenAccounts={onOpenAccounts} goTo={goTo} />}
            {tab === 'recipients' && <ImportScreen campaign={campaign} onImported={state.refresh} />}
            {tab === 'launch' && <LaunchScreen campaign={campaign} onChange={onChange} onRefresh={state.refresh} onEdit={(place) => {
                  setGoTo(place ? { place } : null);
                  onTab('write');
                }} />}
            {tab === 'analytics' && <AnalyticsScreen campaign={campaign} onRefresh={state.refresh} />}
          </div>
        </>
      )}
    </section>
  );
}
