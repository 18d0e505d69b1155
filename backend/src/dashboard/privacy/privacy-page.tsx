/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import { Layout } from '../components/layout';
import type { OperatorInfo } from './operator';
import { PolicyText, type TrackingMode } from './policy-text';

/** Change together with the text in policy-text.tsx. */
export const POLICY_LAST_UPDATED = { iso: '2026-12-03', label: '3 December 2026' } as const;

export type PrivacyPageProps = { user: User | undefined; operator: OperatorInfo; sessionLifetime: string; trackingMode: TrackingMode };

/** The public privacy policy, readable before anyone signs up. */
export function PrivacyPage({ user, operator, sessionLifetime, trackingMode }: PrivacyPageProps) {
  return (
    <Layout title="Privacy policy" user={user} path="/privacy">
      <article class="policy">
        <h1>Privacy policy</h1>
        <p class="muted">
          Last updated: <time datetime={POLICY_LAST_UPDATED.iso}>{POLICY_LAST_UPDATED.label}</time>
        </p>
        <PolicyText operator={operator} sessionLifetime={sessionLifetime} trackingMode={trackingMode} />
      </article>
    </Layout>
  );
}
