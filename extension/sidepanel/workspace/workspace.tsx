import { useState } from 'react';
import { AccountsScreen } from '../accounts/accounts-screen';
import { CampaignScreen, type CampaignTab } from '../campaign/campaign-screen';
import { CampaignList } from '../campaigns/campaign-list';
import { SuppressionsScreen } from '../suppressions/suppressions-screen';
import { SkipLink } from '../ui/skip-link';
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

/** What the skip links name as their destination. */
const SCREEN_NAMES: Record<View['screen'], string> = {
  campaigns: 'campaign list',
  campaign: 'campaign',
  accounts: 'Gmail accounts',
  suppressions: 'suppression list',
};

/** Where the skip links land: the current screen, below the session line and the sections. */
const CONTENT_ID = 'workspace-content';

const TOP_TABS = [
  { key: 'campaigns', label: 'Campaigns' },
  { key: 'accounts', label: 'Gmail accounts' },
  { key: 'suppressions', label: 'Suppressions' },
] as const;

/**
 * Everything after connecting: the campaign list, one campaign's screens, and the Gmail accounts.
 * Two skip links (issue 14, "Keyboard"): the first focusable element of the panel jumps over the
 * session line and the sections to the screen; the last one, after a long screen such as the
 * editor, jumps back to its top, so the subject is a few Tabs away instead of 48 Shift+Tabs.
 */
export function Workspace({ openCampaignId, serverUrl, email, onDisconnect }: WorkspaceProps) {
  const [view, setView] = useState<View>(openCampaignId ? { screen: 'campaign', id: openCampaignId, tab: 'write' } : { screen: 'campaigns' });
  const top = view.screen === 'campaign' ? 'campaigns' : view.screen;

  return (
    <div className="workspace">
      <SkipLink targetId={CONTENT_ID} testId="skip-to-content">
        Skip to the {SCREEN_NAMES[view.screen]}
      </SkipLink>
      <SessionBar serverUrl={serverUrl} email={email} onDisconnect={onDisconnect} />
      <nav aria-label="Sections">
        <Tabs label="Sections" tabs={TOP_TABS} current={top} onChange={(key) => setView({ screen: key })} testIdPrefix="nav" />
      </nav>
      <div role="tabpanel" id={CONTENT_ID} className="workspace__content" tabIndex={-1} aria-labelledby={`nav-${top}`}>
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
      <SkipLink targetId={CONTENT_ID} placement="end" testId="back-to-top">
        Back to the top of the {SCREEN_NAMES[view.screen]}
      </SkipLink>
    </div>
  );
}
