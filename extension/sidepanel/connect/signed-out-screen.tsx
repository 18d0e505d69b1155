import { useEffect, useRef, useState } from 'react';
import { requestHostPermissionFor } from '../request-host-permission';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { SignOutDialog } from '../ui/sign-out-dialog';
import { useSyncStatus } from '../use-sync-status';
import { LinkProgress } from './link-progress';
import { useLink } from './use-link';
import './connect.css';

interface SignedOutScreenProps {
  serverUrl: string;
  email: string;
  /** A link attempt ended: read the connection again. */
  onLinked(): void;
  /** Forgets the refused token and shows the connect screen (the address stays filled in). */
  onUseAnother(): Promise<void>;
}

/**
 * The server refused this browser's API token (revoked on the dashboard, or the account was
 * deleted): never "Signed in as …" then (issue 14). "Link again" runs the dashboard link flow on
 * the same server; the cache and unsynced edits stay if the same account links again.
 */
export function SignedOutScreen({ serverUrl, email, onLinked, onUseAnother }: SignedOutScreenProps) {
  const link = useLink(onLinked);
  const { status } = useSyncStatus();
  const unsaved = (status?.pending ?? 0) + (status?.conflicts.length ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const [asking, setAsking] = useState(false);
  const useAnotherButton = useRef<HTMLButtonElement>(null);
  const waiting = link.status.phase === 'waiting';

  // Whatever the user was doing is gone: say why where focus is.
  useEffect(() => heading.current?.focus(), []);

  function handleLink() {
    if (link.starting || waiting) return;
    // Before any await: Chrome only shows the permission prompt during the user's gesture.
    void link.start(serverUrl, requestHostPermissionFor(serverUrl, 'Link again'));
  }

  return (
    <Card aria-labelledby="signed-out-title">
      <div className="connect__intro" data-testid="signed-out">
        <h1 className="card__title" id="signed-out-title" tabIndex={-1} ref={heading}>
          This device was signed out: Link again
        </h1>
        <p className="card__text">
          {serverUrl.replace(/^https?:\/\//, '')} no longer accepts this browser’s API token for {email} (it was revoked or deleted on the
          dashboard). Link again to keep working: what this device saved is kept for the same account.
        </p>
      </div>
      <div className="connect__link">
        <Button type="button" variant="primary" busy={link.starting || waiting} busyLabel={waiting ? 'Waiting for the dashboard…' : 'Opening the dashboard…'} onClick={handleLink} data-testid="link-again">
          Link again
        </Button>
        <LinkProgress link={link} />
        <button
          type="button"
          className="connect__cancel"
          ref={useAnotherButton}
          aria-expanded={unsaved > 0 ? asking : undefined}
          onClick={() => {
            // Linking again keeps edits not yet synced; signing out discards them, so ask first.
            if (unsaved > 0) setAsking(true);
            else void onUseAnother();
          }}
          data-testid="use-another-server"
        >
          Sign out and connect another way
        </button>
        {asking && (
          <SignOutDialog
            unsaved={unsaved}
            onConfirm={() => void onUseAnother()}
            onCancel={() => {
              setAsking(false);
              requestAnimationFrame(() => useAnotherButton.current?.focus());
            }}
          />
        )}
      </div>
    </Card>
  );
}
