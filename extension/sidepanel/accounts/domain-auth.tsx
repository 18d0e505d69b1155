import { useState } from 'react';
import type { DomainAuth as Auth } from '../../../shared/schemas/accounts';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import './domain-auth.css';

const LABELS = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;
const STATUS_WORDS = { pass: 'in place', missing: 'missing', invalid: 'wrong', unknown: 'not checked' } as const;

/** Google authenticates gmail.com and googlemail.com itself: nothing to check or add. */
const isGoogleConsumer = (email: string) => /@(gmail|googlemail)\.com$/i.test(email);

/**
 * The SPF, DKIM and DMARC of an account's own domain, with what to add. Looked up by the server when
 * the user opens it (a DNS lookup each, so not on every list refresh).
 */
export function DomainAuth({ accountId, email }: { accountId: string; email: string }) {
  const [auth, setAuth] = useState<Auth | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  if (isGoogleConsumer(email)) return null;

  async function load() {
    if (auth !== undefined) return;
    setError(null);
    const account = await sendMessage({ type: 'accounts/get', id: accountId });
    if (account.ok) setAuth(account.value.domainAuth ?? null);
    else setError(account.error.message);
  }

  return (
    <details className="domain-auth" onToggle={(event) => event.currentTarget.open && void load()} data-testid="domain-auth">
      <summary>Sender authentication (SPF, DKIM, DMARC)</summary>
      {auth === undefined && !error && <p className="muted">Looking up the domain…</p>}
      {error && <InlineAlert message={error} />}
      {auth === null && <p className="muted">This server does not check sender authentication.</p>}
      {auth && (
        <dl className="domain-auth__checks">
          {(['spf', 'dkim', 'dmarc'] as const).map((check) => (
            <div key={check} data-testid={`domain-auth-${check}`} data-status={auth[check].status}>
              <dt>
                {LABELS[check]}: {STATUS_WORDS[auth[check].status]}
              </dt>
              <dd className="muted">{auth[check].reason}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
