import { useState } from 'react';
import { AccountsScreen } from '../accounts/accounts-screen';
import { CampaignScreen, type CampaignTab } from '../campaign/campaign-screen';
import { CampaignList } from '../campaigns/campaign-list';
import { SuppressionsScreen } from '../suppressions/suppressions-screen';
import { Tabs } from '../ui/tabs';
import { SessionBar } from './session-bar';
import './workspace.css';

type View = { screen: 'campaigns' } | { screen: 'accounts' } | { screen: 'suppressions' } | { screen: 'campaign'; id: string; tab: CampaignTab };

interface WorkspaceProps {
  /** Start on this campaign's editor instead of the list (the Gmail compose button asked for it). */
  openCampaignId?: string;
  serverUrl: string;
  email: string;
  onDisconnect(): Promise<void>;
}

const TOP_TABS = [
  { key: 'campaigns', label: 'Campaigns' },
  { key: 'accounts', label: 'Gmail accounts' },
  { key: 'suppressions', label: 'Suppressions' },
] as const;

/** Everything after connecting: the campaign list, one campaign's screens, and the Gmail accounts. */
export function Workspace({ openCampaignId, serverUrl, email, onDisconnect }: WorkspaceProps) {
  const [view, setView] = useState<View>(openCampaignId ? { screen: 'campaign', id: openCampaignId, tab: 'write' } : { screen: 'campaigns' });
  const top = view.screen === 'campaign' ? 'campaigns' : view.screen;

  return (
    <div className="workspace">
      <SessionBar serverUrl={serverUrl} email={email} onDisconnect={onDisconnect} />
      <Tabs label="Sections" tabs={TOP_TABS} current={top} onChange={(key) => setView({ screen: key })} testIdPrefix="nav" />
      <div role="tabpanel" aria-labelledby={`nav-${top}`}>
        {view.screen === 'campaigns' && (
          <CampaignList onOpen={(id, tab = 'write') => setView({ screen: 'campaign', id, tab })} />
        )}
        {view.screen === 'campaign' && (
          <CampaignScreen
            key={view.id}
            id={view.id}
            tab={view.tab}
            onTab={(tab) => setView({ ...view, tab })}
            onBack={() => setView({ screen: 'campaigns' })}
            onOpenAccounts={() => setView({ screen: 'accounts' })}
          />
        )}
        {view.screen === 'accounts' && <AccountsScreen />}
        {view.screen === 'suppressions' && <SuppressionsScreen />}
      </div>
    </div>
  );
}
