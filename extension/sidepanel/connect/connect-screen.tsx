import { useState, type FormEvent } from 'react';
import { err, type MessageError } from '../../messages';
import { normaliseServerUrl, tokensPageUrl } from '../../connection/server-url';
import { requestHostPermission } from '../request-host-permission';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { InlineAlert } from '../ui/inline-alert';
import { TextField } from '../ui/text-field';
import './connect.css';

export const DEFAULT_SERVER_URL = 'http://localhost:8787';

interface ConnectScreenProps {
  /** Resolves with the error to show, or null when connected. */
  onConnect(serverUrl: string, token: string): Promise<MessageError | null>;
}

/** Asks for the server's address and an API token, and checks them with the background. */
export function ConnectScreen({ onConnect }: ConnectScreenProps) {
  const [serverUrl, setServerUrl] = useState(DEFAULT_SERVER_URL);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageError | null>(null);

  const normalised = normaliseServerUrl(serverUrl);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!normalised.ok) {
      setError(normalised.error);
      return;
    }
    // Before any await: Chrome only shows the permission prompt during the user's gesture.
    const permitted = requestHostPermission(normalised.value);
    setBusy(true);
    setError(null);
    void (async () => {
      const failure = (await permitted) ? await onConnect(normalised.value, token) : permissionDenied(normalised.value);
      // On success this screen is replaced; only a failure needs local state.
      if (failure) {
        setError(failure);
        setBusy(false);
      }
    })();
  }

  const tokenError = error?.code === 'invalid-token' || error?.code === 'unauthorized';
  const urlError = error?.code === 'invalid-url' || error?.code === 'unreachable' || error?.code === 'not-iconnect';

  return (
    <Card aria-labelledby="connect-title">
      <div className="connect__intro">
        <h1 className="card__title" id="connect-title">
          Connect to your iConnect server
        </h1>
        <p className="card__text">Campaigns are stored and sent by your own server. This browser only needs an API token.</p>
      </div>
      <form className="connect__form" onSubmit={handleSubmit} noValidate>
        <TextField
          label="Server address"
          name="serverUrl"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          autoCapitalize="off"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          invalid={urlError}
          data-testid="server-url"
          required
        />
        <TextField
          label="API token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          invalid={tokenError}
          data-testid="api-token"
          required
          hint={
            normalised.ok ? (
              <>
                Create one on your dashboard’s{' '}
                <a href={tokensPageUrl(normalised.value)} target="_blank" rel="noopener noreferrer">
                  API tokens page
                </a>
                . It starts with <code>ick_</code>.
              </>
            ) : (
              <>Create one on your dashboard’s API tokens page. It starts with <code>ick_</code>.</>
            )
          }
        />
        {error && <InlineAlert message={error.message} testId="connect-error" />}
        <Button type="submit" variant="primary" busy={busy} busyLabel="Connecting…" data-testid="connect">
          Connect
        </Button>
      </form>
    </Card>
  );
}

function permissionDenied(serverUrl: string): MessageError {
  const { host } = new URL(serverUrl);
  return err('unreachable', `iConnect needs your permission to reach ${host}. Press Connect again and choose Allow.`).error;
}
