import { useEffect, useState } from 'react';
import type { ResponseValue } from '../../messages';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';

type Conflict = ResponseValue<'sync/status'>['conflicts'][number];

interface SyncConflictNoticeProps {
  campaignId: string;
  /** Bumped by the editor after each save, so a conflict found by that save shows at once. */
  refreshKey: number;
  /** Called after the user chose: the editor reloads the campaign. */
  onResolved(): Promise<void>;
}

const LEADS: Record<Conflict['kind'], string> = {
  'changed-elsewhere': 'While your edit waited to be saved, this campaign was changed elsewhere in the same fields.',
  deleted: 'This campaign was deleted elsewhere before your edit could be saved.',
  refused: 'The server did not accept an edit saved on this device.',
};

/**
 * An offline edit the server could not take as it was. The user's text is shown in full, so it
 * can be copied even when it cannot be saved, and they choose: theirs, or mine on top of theirs.
 */
export function SyncConflictNotice({ campaignId, refreshKey, onResolved }: SyncConflictNoticeProps) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void sendMessage({ type: 'sync/status' }).then((status) => {
      if (live && status.ok) setConflict(status.value.conflicts.find((c) => c.campaignId === campaignId) ?? null);
    });
    return () => {
      live = false;
    };
  }, [campaignId, refreshKey]);

  if (!conflict) return null;
  const choose = async (keep: 'mine' | 'theirs') => {
    setBusy(true);
    await sendMessage({ type: 'sync/resolve', campaignId, keep });
    setBusy(false);
    setConflict(null);
    await onResolved();
  };
  const subject = typeof conflict.edit.subject === 'string' ? conflict.edit.subject : null;
  const html = typeof conflict.edit.html === 'string' ? conflict.edit.html : null;
  const name = typeof conflict.edit.name === 'string' ? conflict.edit.name : null;

  return (
    <div className="alert stack" role="alert" data-testid="sync-conflict">
      <p>
        {LEADS[conflict.kind]} {conflict.kind === 'refused' ? conflict.message : 'Nothing you wrote is lost.'}
      </p>
      <details open data-testid="sync-conflict-mine">
        <summary>Your version</summary>
        {name !== null && <p><strong>Name:</strong> {name}</p>}
        {subject !== null && <p><strong>Subject:</strong> {subject}</p>}
        {html !== null && <pre className="conflict__text">{html}</pre>}
        {name === null && subject === null && html === null && <p className="muted">Settings only (schedule, pace or follow-ups).</p>}
      </details>
      <div className="row">
        {conflict.kind === 'changed-elsewhere' && (
          <Button type="button" variant="primary" className="button--inline" busy={busy} onClick={() => void choose('mine')} data-testid="sync-keep-mine">
            Keep my version
          </Button>
        )}
        <Button type="button" variant="secondary" className="button--inline" disabled={busy} onClick={() => void choose('theirs')} data-testid="sync-keep-theirs">
          {conflict.kind === 'changed-elsewhere' ? 'Use the other version' : 'Dismiss'}
        </Button>
      </div>
    </div>
  );
}
