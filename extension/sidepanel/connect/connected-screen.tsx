import { useState } from 'react';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import './connect.css';

interface ConnectedScreenProps {
  serverUrl: string;
  email: string;
  onDisconnect(): Promise<void>;
}

/** Who the extension is signed in as, and the way out. */
export function ConnectedScreen({ serverUrl, email, onDisconnect }: ConnectedScreenProps) {
  const [busy, setBusy] = useState(false);

  function handleSignOut() {
    setBusy(true);
    // The screen is replaced when the background confirms; re-enable only if it stays.
    void onDisconnect().finally(() => setBusy(false));
  }

  return (
    <Card aria-labelledby="connected-title" data-testid="connected">
      <div className="connected__identity">
        <span className="connected__avatar" aria-hidden="true">
          {email.charAt(0).toUpperCase()}
        </span>
        <div className="connected__who">
          <h1 className="connected__title" id="connected-title">
            Signed in as <span data-testid="connected-email">{email}</span>
          </h1>
          <p className="card__text connected__server">
            <span className="connected__dot" aria-hidden="true" />
            <a href={serverUrl} target="_blank" rel="noopener noreferrer" data-testid="connected-server">
              {serverUrl.replace(/^https?:\/\//, '')}
            </a>
          </p>
        </div>
      </div>
      <Button type="button" variant="secondary" busy={busy} busyLabel="Signing out…" onClick={handleSignOut} data-testid="sign-out">
        Sign out
      </Button>
      <p className="card__text connect__footnote">
        Signing out forgets this browser’s API token. To connect again, create a new token on your dashboard.
      </p>
    </Card>
  );
}
