import { useState } from 'react';
import { useSyncStatus } from '../use-sync-status';
import './workspace.css';

interface SessionBarProps {
  serverUrl: string;
  email: string;
  onDisconnect(): Promise<void>;
}

/** Who the panel is signed in as, on which server, and the way out; one line above every screen. */
export function SessionBar({ serverUrl, email, onDisconnect }: SessionBarProps) {
  const [busy, setBusy] = useState(false);
  const { status, syncing, syncNow } = useSyncStatus();
  const unsaved = (status?.pending ?? 0) + (status?.conflicts.length ?? 0);
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
      {unsaved > 0 && (
        <button
          type="button"
          className="link-button session-bar__sync"
          disabled={syncing}
          title={status?.lastError ?? undefined}
          onClick={() => void syncNow()}
          data-testid="sync-pending"
        >
          {syncing ? 'Syncing…' : `${unsaved} ${unsaved === 1 ? 'edit' : 'edits'} not synced · Sync now`}
        </button>
      )}
      <button
        type="button"
        className="link-button"
        disabled={busy}
        onClick={() => {
          // Edits waiting for the server belong to this account: signing out discards them, so ask first.
          if (unsaved > 0 && !window.confirm(`${unsaved} ${unsaved === 1 ? 'edit saved on this device has' : 'edits saved on this device have'} not reached the server yet. Signing out discards them. Sign out anyway?`)) return;
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
