import { useCallback, useEffect, useRef, useState } from 'react';
import browser from 'webextension-polyfill';
import { LINK_STORAGE_KEY } from '../../connection/session-keys';
import type { LinkStatus, MessageError, Result } from '../../messages';
import { sendMessage } from '../send-message';

/**
 * The "Link with my iConnect account" attempt as the background reports it. The background writes
 * the attempt to `storage.session`; the panel takes any change there as a cue to ask again
 * (`connection/link-status`), never reading the stored state itself. When a waiting attempt ends
 * without a failure, the connection may have changed: `onLinked` re-reads it.
 */
export function useLink(onLinked: () => void) {
  const [status, setStatus] = useState<LinkStatus>({ phase: 'idle' });
  const [starting, setStarting] = useState(false);
  const previous = useRef<LinkStatus['phase']>('idle');
  const linked = useRef(onLinked);
  useEffect(() => {
    linked.current = onLinked;
  });

  const show = useCallback((next: LinkStatus) => {
    if (previous.current === 'waiting' && next.phase === 'idle') linked.current();
    previous.current = next.phase;
    setStatus(next);
  }, []);

  const showResult = useCallback(
    (result: Result<LinkStatus>) => show(result.ok ? result.value : { phase: 'failed', error: result.error }),
    [show],
  );

  const refresh = useCallback(async () => showResult(await sendMessage({ type: 'connection/link-status' })), [showResult]);

  useEffect(() => {
    let live = true;
    const ask = () => {
      if (live) void refresh();
    };
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && LINK_STORAGE_KEY in changes) ask();
    };
    // Listen first, then read: a change in between is seen by one or the other.
    browser.storage.onChanged.addListener(onChanged);
    ask();
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [refresh]);

  // Nothing is written when the 10 minutes run out: ask again then, so the panel can say so.
  const expiresAt = status.phase === 'waiting' ? status.expiresAt : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => void refresh(), Math.max(0, expiresAt - Date.now()) + 500);
    return () => clearTimeout(timer);
  }, [expiresAt, refresh]);

  /** `permitted` is the host permission request, made by the caller within the click. */
  const start = useCallback(
    async (serverUrl: string, permitted: Promise<MessageError | null>) => {
      setStarting(true);
      const refused = await permitted;
      showResult(refused ? { ok: false, error: refused } : await sendMessage({ type: 'connection/link-start', serverUrl }));
      setStarting(false);
    },
    [showResult],
  );

  const fail = useCallback((error: MessageError) => show({ phase: 'failed', error }), [show]);

  const cancel = useCallback(async () => showResult(await sendMessage({ type: 'connection/link-cancel' })), [showResult]);

  return { status, starting, start, fail, cancel };
}
