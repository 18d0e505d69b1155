import { useCallback, useEffect, useState } from 'react';
import type { ResponseValue } from '../messages';
import { sendMessage } from './send-message';
import { useOnReconnect } from './use-connection-health';

type SyncStatus = ResponseValue<'sync/status'>;

/** How often the panel asks what is waiting to sync (the background itself syncs once a minute). */
const POLL_MS = 10_000;

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
    return () => clearInterval(timer);
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
