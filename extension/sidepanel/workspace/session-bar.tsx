import { useRef, useState } from 'react';
import { formatPlural } from '../format';
import { SignOutDialog } from '../ui/sign-out-dialog';
import { useHealth } from '../use-connection-health';
import { useSyncStatus } from '../use-sync-status';
import { connectionWords, shownHost } from './connection-words';
import './workspace.css';

interface SessionBarProps {
  serverUrl: string;
  email: string;
  onDisconnect(): Promise<void>;
}

/**
 * Who the panel is signed in as, on which server, whether that server answers (the dot), and the
 * way out; one line above every screen. While the server cannot be reached, the one banner that
 * says so for the whole panel is here (issue 14).
 */
export function SessionBar({ serverUrl, email, onDisconnect }: SessionBarProps) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const signOutButton = useRef<HTMLButtonElement>(null);
  const { status, syncing, syncNow } = useSyncStatus();
  const { health, checking, checkNow } = useHealth();
  const words = connectionWords(health, serverUrl);
  const unsaved = (status?.pending ?? 0) + (status?.conflicts.length ?? 0);
  const edits = (n: number) => formatPlural(n, { one: 'edit', other: 'edits' });
  const signOut = () => {
    setBusy(true);
    // Signing out forgets the token (and the cache); the connect screen replaces this one.
    void onDisconnect().finally(() => setBusy(false));
  };
  return (
    <div className="session-bar__stack">
      <div className="session-bar" data-testid="connected">
        <span className={`session-bar__status session-bar__status--${words.tone}`} role="status" data-testid="connection-status" data-tone={words.tone}>
          <span className="session-bar__dot" aria-hidden="true" />
          {words.word && (
            <span className="session-bar__word" aria-hidden="true">
              {words.word}
            </span>
          )}
          <span className="visually-hidden">{words.spoken}</span>
        </span>
        <p className="session-bar__who">
          <span className="visually-hidden">Signed in as </span>
          <span data-testid="connected-email">{email}</span>
          <span aria-hidden="true"> · </span>
          <a href={serverUrl} target="_blank" rel="noopener noreferrer" data-testid="connected-server">
            {shownHost(serverUrl)}
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
            {syncing ? 'Syncing…' : `${edits(unsaved)} not synced · Sync now`}
          </button>
        )}
        <button
          type="button"
          className="link-button"
          disabled={busy}
          ref={signOutButton}
          aria-expanded={unsaved > 0 ? asking : undefined}
          onClick={() => {
            // Edits waiting for the server belong to this account: signing out discards them, so ask first.
            if (unsaved > 0) setAsking(true);
            else signOut();
          }}
          data-testid="sign-out"
        >
          {busy ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
      {asking && (
        <SignOutDialog
          unsaved={unsaved}
          busy={busy}
          onConfirm={signOut}
          onCancel={() => {
            setAsking(false);
            // Closing the question puts the focus back on the button that asked it.
            requestAnimationFrame(() => signOutButton.current?.focus());
          }}
        />
      )}
      {words.banner && (
        <div className="session-bar__banner" role="status" data-testid="connection-banner">
          <p>{words.banner}</p>
          <button type="button" className="link-button" disabled={checking} onClick={() => void checkNow()} data-testid="connection-retry">
            {checking ? 'Trying…' : 'Try now'}
          </button>
        </div>
      )}
    </div>
  );
}
