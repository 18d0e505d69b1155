import { useCallback, useEffect, useState } from 'react';
import type { ResponseValue } from '../messages';
import { sendMessage } from './send-message';
import { useOnReconnect } from './use-connection-health';

type SyncStatus = ResponseValue<'sync/status'>;

/** How often the panel asks what is waiting to sync (the background itself syncs once a minute). */
const POLL_MS = 10_000;

/** Heard by every useSyncStatus of this panel: a screen queued an edit on this device. */
const queuedEdits = new EventTarget();

/**
 * Says that an edit was just queued (saved offline), so "1 edit not synced" shows at once instead
 * of at the next poll: Sign out must know about it to ask before discarding it.
 */
export function announceQueuedEdit(): void {
  queuedEdits.dispatchEvent(new Event('queued'));
}

/** The background's sync status, kept fresh while the panel is open; `syncNow` asks for a sync at once. */
export function useSyncStatus() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [syncing, setSyncing] = useState(false);

  const refresh = useCallback(async () => {
    const answer = await sendMessage({ type: 'sync/status' });
    if (answer.ok) setStatus(answer.value);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onQueued = () => void refresh();
    queuedEdits.addEventListener('queued', onQueued);
    return () => {
      clearInterval(timer);
      queuedEdits.removeEventListener('queued', onQueued);
    };
  }, [refresh]);

  const syncNow = useCallback(async () => {
    setSyncing(true);
    const answer = await sendMessage({ type: 'sync/now' });
    if (answer.ok) setStatus(answer.value);
    setSyncing(false);
  }, []);

  // The server is back: edits made meanwhile go out now (the background starts the same sync), and the count follows.
  useOnReconnect(() => void syncNow());

  return { status, syncing, syncNow };
}
