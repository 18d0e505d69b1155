import { useCallback, useEffect, useState } from 'react';
import type { ConnectionState, MessageError, Result } from '../messages';
import { sendMessage } from './send-message';

export type PanelState =
  | { status: 'loading' }
  | { status: 'ready'; connection: ConnectionState }
  | { status: 'failed'; error: MessageError };

/** The connection as the background knows it, and the actions that change it. */
export function useConnection() {
  const [state, setState] = useState<PanelState>({ status: 'loading' });

  const apply = useCallback((result: Result<ConnectionState>) => {
    setState(result.ok ? { status: 'ready', connection: result.value } : { status: 'failed', error: result.error });
  }, []);

  useEffect(() => {
    let live = true;
    void sendMessage({ type: 'connection/get' }).then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [apply]);

  /** Resolves with the error to show inline, or null once connected. */
  const connect = useCallback(async (serverUrl: string, token: string): Promise<MessageError | null> => {
    const result = await sendMessage({ type: 'connection/connect', serverUrl, token });
    if (!result.ok) return result.error;
    setState({ status: 'ready', connection: result.value });
    return null;
  }, []);

  const disconnect = useCallback(async () => {
    apply(await sendMessage({ type: 'connection/disconnect' }));
  }, [apply]);

  /** Reads the connection again: after the background linked it through the dashboard. */
  const refresh = useCallback(async () => {
    apply(await sendMessage({ type: 'connection/get' }));
  }, [apply]);

  return { state, connect, disconnect, refresh };
}
