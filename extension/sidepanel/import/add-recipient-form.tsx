import { useState, type FormEvent } from 'react';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';

/** One recipient by hand: an address and, optionally, a first name. */
export function AddRecipientForm({ campaignId, onAdded }: { campaignId: string; onAdded(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [firstName, setFirstName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !email.trim()) return;
    setBusy(true);
    setMessage(null);
    const fields: Record<string, string> = firstName.trim() ? { 'first name': firstName.trim() } : {};
    const added = await sendMessage({ type: 'recipients/add', campaignId, email: email.trim(), fields });
    setBusy(false);
    if (!added.ok) return setMessage({ ok: false, text: added.error.message });
    const { imported, duplicates, suppressed, invalid } = added.value;
    const text = imported > 0 ? `Added ${email.trim()}.` : invalid[0] ? invalid[0].reason : duplicates > 0 ? 'Already in this campaign.' : suppressed > 0 ? 'On your suppression list: not added.' : 'Not added.';
    setMessage({ ok: imported > 0, text });
    if (imported > 0) {
      setEmail('');
      setFirstName('');
      await onAdded();
    }
  }

  return (
    <details className="add-recipient">
      <summary>Add one recipient by hand</summary>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="two-up">
          <div className="field">
            <label className="field__label" htmlFor="add-email">
              Email
            </label>
            <input id="add-email" className="field__input" type="email" value={email} onChange={(event) => setEmail(event.target.value)} data-testid="add-recipient-email" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="add-first-name">
              First name
            </label>
            <input id="add-first-name" className="field__input" value={firstName} onChange={(event) => setFirstName(event.target.value)} />
          </div>
        </div>
        <button type="submit" className="link-button" disabled={busy || !email.trim()} data-testid="add-recipient-submit">
          {busy ? 'Adding…' : 'Add recipient'}
        </button>
        {message?.ok && <Notice tone="success">{message.text}</Notice>}
        {message && !message.ok && <InlineAlert message={message.text} />}
      </form>
    </details>
  );
}
