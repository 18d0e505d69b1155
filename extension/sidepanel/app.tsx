import { ConnectScreen } from './connect/connect-screen';
import { SignedOutScreen } from './connect/signed-out-screen';
import { InlineAlert } from './ui/inline-alert';
import { PanelHeader } from './ui/panel-header';
import { ConnectionHealthProvider, useConnectionHealth } from './use-connection-health';
import { useConnection } from './use-connection';
import { useOpenCampaignIntent } from './use-open-campaign-intent';
import { Workspace } from './workspace/workspace';

/**
 * The side panel: the connect screen until a server vouches for the token, then the campaigns;
 * "This device was signed out" once the server refuses the token (issue 14).
 */
export function App() {
  const { state, connect, disconnect, refresh } = useConnection();
  const connection = state.status === 'ready' ? state.connection : null;
  const healthView = useConnectionHealth(connection?.connected === true);
  // The Gmail compose button asks for a campaign: start the workspace over, on that campaign.
  const toOpen = useOpenCampaignIntent();
  const revoked = connection?.connected === true && healthView.health.state === 'revoked' && healthView.health.serverUrl === connection.serverUrl;
  return (
    <>
      {/* Outside <main>, so it is the page's banner landmark (issue 14, "Keyboard"). */}
      <PanelHeader />
      <main aria-busy={state.status === 'loading'}>
        {state.status === 'failed' && <InlineAlert message={state.error.message} testId="panel-error" />}
        {connection && !connection.connected && (
          <ConnectScreen
            onConnect={connect}
            onLinked={() => void refresh()}
            tokenNotRevoked={connection.tokenNotRevoked}
            initialServerUrl={connection.lastServerUrl}
          />
        )}
        {connection?.connected && revoked && (
          <SignedOutScreen serverUrl={connection.serverUrl} email={connection.email} onLinked={() => void refresh()} onUseAnother={disconnect} />
        )}
        {connection?.connected && !revoked && (
          <ConnectionHealthProvider value={healthView}>
            <Workspace
              key={toOpen?.requestedAt}
              openCampaignId={toOpen?.campaignId}
              serverUrl={connection.serverUrl}
              email={connection.email}
              onDisconnect={disconnect}
            />
          </ConnectionHealthProvider>
        )}
      </main>
    </>
  );
}
