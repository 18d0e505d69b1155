import { useCallback, useState } from 'react';
import type { GmailAccount } from '../../../shared/schemas/accounts';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import { useCached } from '../use-cached';

/** Sends the saved message, rendered for the first recipient, to the chosen account's own inbox. */
export function TestSendForm({ campaign }: { campaign: Campaign }) {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'accounts/list', source }), []);
  const accounts = useCached<GmailAccount[]>(load, (list) => list.length === 0);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; text: string } | { ok: false; text: string } | null>(null);
  const usable = (accounts.data ?? []).filter((account) => account.status === 'ok');
  const chosen = accountId || campaign.accountIds.find((id) => usable.some((a) => a.id === id)) || usable[0]?.id || '';

  async function send() {
    if (!chosen) return;
    setBusy(true);
    setOutcome(null);
    const sent = await sendMessage({ type: 'campaigns/test-send', id: campaign.id, accountId: chosen });
    setBusy(false);
    if (!sent.ok) return setOutcome({ ok: false, text: sent.error.message });
    const missing = sent.value.missing.length > 0 ? ` Fields without a value: ${sent.value.missing.join(', ')}.` : '';
    setOutcome({ ok: true, text: `Sent “${sent.value.subject}” to ${sent.value.sentTo}.${missing}` });
  }

  if (usable.length === 0) return null;
  return (
    <div className="stack" data-testid="test-send">
      <div className="row">
        <label className="field__label" htmlFor="test-send-account">
          Send a test from
        </label>
        <select id="test-send-account" className="field__input test-send__select" value={chosen} onChange={(event) => setAccountId(event.target.value)}>
          {usable.map((account) => (
            <option key={account.id} value={account.id}>
              {account.email}
            </option>
          ))}
        </select>
        <button type="button" className="link-button" disabled={busy || !chosen} onClick={() => void send()} data-testid="test-send-button">
          {busy ? 'Sending…' : 'Send test'}
        </button>
      </div>
      {outcome?.ok && <Notice tone="success" testId="test-send-result">{outcome.text}</Notice>}
      {outcome && !outcome.ok && <InlineAlert message={outcome.text} testId="test-send-error" />}
    </div>
  );
}
