/** @jsxImportSource hono/jsx */
import type { DomainAuth } from '../../../../shared/schemas/accounts';

const LABELS = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;
const STATUS_WORDS = { pass: 'In place', missing: 'Missing', invalid: 'Wrong', unknown: 'Not checked' } as const;

/**
 * The account's domain authentication (backend/src/accounts/domain-auth.ts): each check in words,
 * with what to add when it is missing. Gmail rejects bulk mail that fails them (Google's sender guidelines).
 */
export function DomainAuthSection({ auth }: { auth: DomainAuth }) {
  return (
    <section class="card" aria-labelledby="domain-auth-title" data-testid="domain-auth">
      <h2 id="domain-auth-title">
        Sender authentication of <span class="break-anywhere">{auth.domain}</span>
      </h2>
      <p class="hint">Gmail rejects mail from a domain without SPF and DKIM, and bulk mail without DMARC. Looked up in DNS just now.</p>
      <dl>
        {(['spf', 'dkim', 'dmarc'] as const).map((check) => (
          <div>
            <dt>
              {LABELS[check]}: {STATUS_WORDS[auth[check].status]}
            </dt>
            <dd class="break-anywhere">{auth[check].reason}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
