import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageError, Result } from '../messages';
import type { Source } from '../messages/campaigns';

export interface CachedState<V> {
  /** What to draw: the cache at first, then the server's answer. Undefined until either arrives. */
  data: V | undefined;
  fetchedAt: string | null;
  /** True while the server is being asked (the cached data, if any, is shown meanwhile). */
  refreshing: boolean;
  /** The last refresh's failure; the cached data stays on screen. */
  error: MessageError | null;
  refresh(): Promise<void>;
  /** Puts a value the panel got another way (e.g. the answer of a save) in place. */
  replace(value: V): void;
}

/**
 * Stale-while-revalidate over the background's cache: draws the cached copy at once, then asks the
 * server and draws its answer. `load` must be stable per key (wrap it in useCallback).
 */
export function useCached<V>(
  load: (source: Source) => Promise<Result<{ value: V; fetchedAt: string | null }>>,
  isEmpty: (value: V) => boolean = (value) => value === null,
): CachedState<V> {
  const [data, setData] = useState<V | undefined>(undefined);
  const [fetchedAt, setFetchedAt] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<MessageError | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setRefreshing(true);
    const fresh = await load('server');
    if (mine !== generation.current) return;
    setRefreshing(false);
    if (fresh.ok) {
      setData(fresh.value.value);
      setFetchedAt(fresh.value.fetchedAt);
      setError(null);
    } else {
      setError(fresh.error);
    }
  }, [load]);

  useEffect(() => {
    const mine = ++generation.current;
    setData(undefined);
    setError(null);
    void (async () => {
      const cached = await load('cache');
      if (mine !== generation.current) return;
      if (cached.ok && !isEmpty(cached.value.value)) {
        setData(cached.value.value);
        setFetchedAt(cached.value.fetchedAt);
      }
      await refresh();
    })();
    // isEmpty is a pure predicate; only a new loader starts over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, refresh]);

  const replace = useCallback((value: V) => {
    generation.current++;
    setRefreshing(false);
    setData(value);
    setError(null);
  }, []);

  return { data, fetchedAt, refreshing, error, refresh, replace };
}
