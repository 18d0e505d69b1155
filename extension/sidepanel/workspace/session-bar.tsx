import { useState } from 'react';
import './workspace.css';

interface SessionBarProps {
  serverUrl: string;
  email: string;
  onDisconnect(): Promise<void>;
}

/** Who the panel is signed in as, on which server, and the way out; one line above every screen. */
export function SessionBar({ serverUrl, email, onDisconnect }: SessionBarProps) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="session-bar" data-testid="connected">
      <span className="session-bar__dot" aria-hidden="true" />
      <p className="session-bar__who">
        <span className="visually-hidden">Signed in as </span>
        <span data-testid="connected-email">{email}</span>
        <span aria-hidden="true"> · </span>
        <a href={serverUrl} target="_blank" rel="noopener noreferrer" data-testid="connected-server">
          {serverUrl.replace(/^https?:\/\//, '')}
        </a>
      </p>
      <button
        type="button"
        className="link-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          // Signing out forgets the token (and the cache); the connect screen replaces this one.
          void onDisconnect().finally(() => setBusy(false));
        }}
        data-testid="sign-out"
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
