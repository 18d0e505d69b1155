import { useCallback, useState } from 'react';
import type { GmailAccount } from '../../../shared/schemas/accounts';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { TEST_SEND_MAX_TO } from '../../../shared/schemas/test-send-limits';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import { useCached } from '../use-cached';
import { splitTestAddresses } from './test-addresses';

/**
 * Sends the saved step being previewed (`step`: 0 the first message, N follow-up N; `variant`: its A/B variant), rendered for
 * the recipient being previewed (`recipient`: a `rcp_` id or a 0-based position), to the addresses typed (comma separated, up to five) or, when none are, to
 * the chosen account's own inbox.
 */
export function TestSendForm({ campaign, recipient, step, variant = 0 }: { campaign: Campaign; recipient: string; step: number; variant?: number }) {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'accounts/list', source }), []);
  const accounts = useCached<GmailAccount[]>(load, (list) => list.length === 0);
  const [accountId, setAccountId] = useState('');
  const [toText, setToText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; text: string } | { ok: false; text: string } | null>(null);
  const usable = (accounts.data ?? []).filter((account) => account.status === 'ok');
  const chosen = accountId || campaign.accountIds.find((id) => usable.some((a) => a.id === id)) || usable[0]?.id || '';
  const ownAddress = usable.find((account) => account.id === chosen)?.email ?? '';
  const to = splitTestAddresses(toText);

  async function send() {
    if (!chosen) return;
    if (to.length > TEST_SEND_MAX_TO) return setOutcome({ ok: false, text: `A test goes to at most ${TEST_SEND_MAX_TO} addresses.` });
    setBusy(true);
    setOutcome(null);
    const sent = await sendMessage({ type: 'campaigns/test-send', id: campaign.id, accountId: chosen, recipient, ...(to.length > 0 ? { to } : {}), ...(step > 0 ? { step } : {}), ...(variant > 0 ? { variant } : {}) });
    setBusy(false);
    if (!sent.ok) return setOutcome({ ok: false, text: sent.error.message });
    const missing = sent.value.missing.length > 0 ? ` Fields without a value: ${sent.value.missing.join(', ')}.` : '';
    const as = sent.value.recipient ? ` as ${sent.value.recipient} will get it` : '';
    const addresses = new Intl.ListFormat(undefined, { type: 'conjunction' }).format(sent.value.to);
    const files = sent.value.attachments && sent.value.attachments.length > 0 ? ` With ${new Intl.ListFormat(undefined, { type: 'conjunction' }).format(sent.value.attachments)}.` : '';
    setOutcome({ ok: true, text: `Sent “${sent.value.subject}”${as} to ${addresses}.${files}${missing}` });
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
      </div>
      <div className="row">
        <label className="field__label" htmlFor="test-send-to">
          To
        </label>
        <input
          id="test-send-to"
          className="field__input"
          type="text"
          inputMode="email"
          autoComplete="off"
          value={toText}
          placeholder={ownAddress}
          aria-describedby="test-send-to-hint"
          onChange={(event) => setToText(event.target.value)}
          data-testid="test-send-to"
        />
        <button type="button" className="link-button" disabled={busy || !chosen} onClick={() => void send()} data-testid="test-send-button">
          {busy ? 'Sending…' : 'Send test'}
        </button>
      </div>
      <p id="test-send-to-hint" className="muted">
        Up to {TEST_SEND_MAX_TO} addresses, separated by commas; empty sends it to {ownAddress || 'the account itself'}. It is the message shown in the preview, as that recipient gets it, with “[Test]” in the subject, and never counts in the campaign’s numbers.
      </p>
      {outcome?.ok && <Notice tone="success" testId="test-send-result">{outcome.text}</Notice>}
      {outcome && !outcome.ok && <InlineAlert message={outcome.text} testId="test-send-error" />}
    </div>
  );
}

