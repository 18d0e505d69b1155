import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageError, Result } from '../messages';
import type { Source } from '../messages/campaigns';
import { useOnReconnect } from './use-connection-health';

export interface CachedState<V> {
  /** What to draw: the cache at first, then the server's answer. Undefined until either arrives. */
  data: V | undefined;
  /** When the server last answered what `data` shows; null after a failed refresh (no "Updated just now" beside a failure). */
  fetchedAt: string | null;
  /** True while the server is being asked (the cached data, if any, is shown meanwhile). */
  refreshing: boolean;
  /**
   * The last refresh's failure; the cached data stays on screen. Not when the server was out of
   * reach while a saved copy is shown: the session bar says that once for the whole panel (issue 14:
   * one banner per problem). With nothing to show, the screen keeps the reason (never "No campaigns yet").
   */
  error: MessageError | null;
  /** True when the last refresh could not reach the server: `data`, if any, is this device's saved copy. */
  offline: boolean;
  refresh(): Promise<void>;
  /** Puts a value the panel got another way (e.g. the answer of a save) in place; `fetchedAt` when the server just gave it. */
  replace(value: V, fetchedAt?: string): void;
}

/**
 * Stale-while-revalidate over the background's cache: draws the cached copy at once, then asks the
 * server and draws its answer; asks again when the server answers again after an outage. `load`
 * must be stable per key (wrap it in useCallback).
 */
export function useCached<V>(
  load: (source: Source) => Promise<Result<{ value: V; fetchedAt: string | null }>>,
  isEmpty: (value: V) => boolean = (value) => value === null,
): CachedState<V> {
  const [data, setData] = useState<V | undefined>(undefined);
  const [fetchedAt, setFetchedAt] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<MessageError | null>(null);
  const [offline, setOffline] = useState(false);
  const generation = useRef(0);
  /** Whether `data` holds something to show: read in `refresh` without making it depend on the data. */
  const showing = useRef(false);
  const show = useCallback((value: V | undefined) => {
    showing.current = value !== undefined;
    setData(value);
  }, []);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setRefreshing(true);
    const fresh = await load('server');
    if (mine !== generation.current) return;
    setRefreshing(false);
    if (fresh.ok) {
      show(fresh.value.value);
      setFetchedAt(fresh.value.fetchedAt);
      setError(null);
      setOffline(false);
    } else {
      const unreachable = fresh.error.code === 'unreachable';
      setFetchedAt(null);
      setOffline(unreachable);
      setError(unreachable && showing.current ? null : fresh.error);
    }
  }, [load, show]);

  useOnReconnect(() => void refresh());

  useEffect(() => {
    const mine = ++generation.current;
    show(undefined);
    setError(null);
    setOffline(false);
    void (async () => {
      const cached = await load('cache');
      if (mine !== generation.current) return;
      if (cached.ok && !isEmpty(cached.value.value)) {
        show(cached.value.value);
        setFetchedAt(cached.value.fetchedAt);
      }
      await refresh();
    })();
    // isEmpty is a pure predicate; only a new loader starts over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, refresh, show]);

  const replace = useCallback((value: V, answeredAt?: string) => {
    generation.current++;
    setRefreshing(false);
    show(value);
    if (answeredAt !== undefined) setFetchedAt(answeredAt);
    setError(null);
    setOffline(false);
  }, [show]);

  return { data, fetchedAt, refreshing, error, offline, refresh, replace };
}
