import { useState, type FormEvent } from 'react';
import { normaliseServerUrl, tokensPageUrl } from '../../connection/server-url';
import type { MessageError } from '../../messages';
import { requestHostPermissionFor } from '../request-host-permission';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import { TextField } from '../ui/text-field';
import { LinkProgress } from './link-progress';
import { useLink } from './use-link';
import './connect.css';

/** An example in the empty field: a fresh install starts empty rather than guessing a server (issue 14). */
const SERVER_URL_PLACEHOLDER = 'https://iconnect.example.com';

interface ConnectScreenProps {
  /** Resolves with the error to show, or null when connected. */
  onConnect(serverUrl: string, token: string): Promise<MessageError | null>;
  /** A link attempt through the dashboard ended: read the connection again. */
  onLinked(): void;
  /** After a sign-out whose API token the server could not revoke: what to do about it. */
  tokenNotRevoked?: string | undefined;
  /** The server this browser was last connected to (kept past a sign-out); empty on a fresh install. */
  initialServerUrl?: string | undefined;
}

const URL_ERRORS = new Set<MessageError['code']>(['invalid-url', 'unreachable', 'not-iconnect']);

/**
 * Connects the panel to a server: one click through the dashboard ("Link with my iConnect
 * account"), or, as a fallback, a pasted API token checked by the background.
 */
export function ConnectScreen({ onConnect, onLinked, tokenNotRevoked, initialServerUrl }: ConnectScreenProps) {
  const [serverUrl, setServerUrl] = useState(initialServerUrl ?? '');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageError | null>(null);
  const link = useLink(onLinked);

  const normalised = normaliseServerUrl(serverUrl);
  const linkError = link.status.phase === 'failed' ? link.status.error : null;
  const waiting = link.status.phase === 'waiting';

  function handleLink() {
    if (link.starting || waiting) return;
    setError(null);
    if (!normalised.ok) {
      link.fail(normalised.error);
      return;
    }
    // Before any await: Chrome only shows the permission prompt during the user's gesture.
    void link.start(normalised.value, requestHostPermissionFor(normalised.value, 'Link'));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!normalised.ok) {
      setError(normalised.error);
      return;
    }
    // Before any await, as above.
    const refused = requestHostPermissionFor(normalised.value, 'Connect');
    setBusy(true);
    setError(null);
    void (async () => {
      const failure = (await refused) ?? (await onConnect(normalised.value, token));
      // On success this screen is replaced; only a failure needs local state.
      if (failure) {
        setError(failure);
        setBusy(false);
      }
    })();
  }

  const tokenError = error?.code === 'invalid-token' || error?.code === 'unauthorized';
  const urlError = [error, linkError].some((shown) => shown !== null && URL_ERRORS.has(shown.code));

  return (
    <Card aria-labelledby="connect-title">
      <div className="connect__intro">
        <h1 className="card__title" id="connect-title">
          Connect to your iConnect server
        </h1>
        <p className="card__text">Campaigns are stored and sent by your own server. This browser only needs an API token.</p>
      </div>
      {tokenNotRevoked && (
        <Notice tone="warning" testId="token-not-revoked">
          <p>{tokenNotRevoked}</p>
        </Notice>
      )}
      <form className="connect__form" onSubmit={handleSubmit} noValidate>
        <TextField
          label="Server address"
          name="serverUrl"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          autoCapitalize="off"
          placeholder={SERVER_URL_PLACEHOLDER}
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          invalid={urlError}
          data-testid="server-url"
          required
        />
        <div className="connect__link">
          <Button
            type="button"
            variant="primary"
            busy={link.starting || waiting}
            busyLabel={waiting ? 'Waiting for the dashboard…' : 'Opening the dashboard…'}
            onClick={handleLink}
            data-testid="link-account"
          >
            Link with my iConnect account
          </Button>
          <p className="connect__hint">Opens your dashboard in a new tab: sign in if asked, then confirm. No copying.</p>
          <LinkProgress link={link} />
        </div>
        <fieldset className="connect__token">
          <legend className="connect__legend">Or paste a token</legend>
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
          <Button type="submit" variant="secondary" busy={busy} busyLabel="Connecting…" data-testid="connect">
            Connect
          </Button>
        </fieldset>
      </form>
    </Card>
  );
}
