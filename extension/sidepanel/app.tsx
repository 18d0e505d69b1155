import { ConnectScreen } from './connect/connect-screen';
import { InlineAlert } from './ui/inline-alert';
import { PanelHeader } from './ui/panel-header';
import { useConnection } from './use-connection';
import { useOpenCampaignIntent } from './use-open-campaign-intent';
import { Workspace } from './workspace/workspace';

/** The side panel: the connect screen until a server vouches for the token, then the campaigns. */
export function App() {
  const { state, connect, disconnect, refresh } = useConnection();
  // The Gmail compose button asks for a campaign: start the workspace over, on that campaign.
  const toOpen = useOpenCampaignIntent();
  return (
    <main aria-busy={state.status === 'loading'}>
      <PanelHeader />
      {state.status === 'failed' && <InlineAlert message={state.error.message} testId="panel-error" />}
      {state.status === 'ready' && !state.connection.connected && (
        <ConnectScreen onConnect={connect} onLinked={() => void refresh()} tokenNotRevoked={state.connection.tokenNotRevoked} />
      )}
      {state.status === 'ready' && state.connection.connected && (
        <Workspace
          key={toOpen?.requestedAt}
          openCampaignId={toOpen?.campaignId}
          serverUrl={state.connection.serverUrl}
          email={state.connection.email}
          onDisconnect={disconnect}
        />
      )}
    </main>
  );
}
