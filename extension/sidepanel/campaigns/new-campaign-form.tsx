import { useState, type FormEvent } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { browserTimeZone } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';

/** Name → a new draft campaign, opened in the editor. The schedule starts in the browser's time zone. */
export function NewCampaignForm({ onCreated }: { onCreated(campaign: Campaign): void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!name.trim()) return setError('Name the campaign first.');
    setBusy(true);
    setError(null);
    void sendMessage({ type: 'campaigns/create', input: { name: name.trim(), schedule: { timezone: browserTimeZone() } } }).then((created) => {
      setBusy(false);
      if (!created.ok) return setError(created.error.message);
      setName('');
      onCreated(created.value);
    });
  }

  return (
    <form className="new-campaign" onSubmit={submit} noValidate>
      <label className="visually-hidden" htmlFor="new-campaign-name">
        New campaign name
      </label>
      <input
        id="new-campaign-name"
        className="field__input"
        placeholder="New campaign name"
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        data-testid="new-campaign-name"
      />
      <Button type="submit" variant="primary" className="button--inline" busy={busy} busyLabel="Creating…" data-testid="new-campaign-create">
        Create
      </Button>
      {error && <InlineAlert message={error} testId="new-campaign-error" />}
    </form>
  );
}
