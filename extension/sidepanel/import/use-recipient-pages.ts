import { useCallback, useEffect, useRef, useState } from 'react';
import type { Recipient } from '../../../shared/schemas/recipients';
import { sendMessage } from '../send-message';
import { filterQuery, NO_FILTER, type RecipientFilter } from './recipient-filter';

const PAGE = 200;

/**
 * A campaign's recipients, fetched a page at a time (cursor pagination) as `ensure(n)` asks for more,
 * searched and filtered by the server. The caller remounts (a `key`) when the filter changes, so the
 * pages of one filter never mix with another's.
 */
export function useRecipientPages(campaignId: string, filter: RecipientFilter = NO_FILTER) {
  const { q, status } = filterQuery(filter);
  const [rows, setRows] = useState<Recipient[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  /** Set when rows came from this device's cache because the server could not be reached. */
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const cursor = useRef<string | undefined>(undefined);
  const inFlight = useRef(false);

  const loadMore = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    const page = await sendMessage({
      type: 'recipients/list',
      campaignId,
      limit: PAGE,
      ...(q ? { q } : {}),
      ...(status ? { status } : {}),
      ...(cursor.current ? { cursor: cursor.current } : {}),
    });
    inFlight.current = false;
    setLoading(false);
    if (!page.ok) return setError(page.error.message);
    setError(null);
    if (page.value.cachedAt !== null) setCachedAt(page.value.cachedAt);
    cursor.current = page.value.nextCursor ?? undefined;
    setRows((current) => [...current, ...page.value.recipients]);
    if (page.value.nextCursor === null) setDone(true);
  }, [campaignId, q, status]);

  useEffect(() => {
    void loadMore();
  }, [loadMore]);

  /** Loads the next page when row `index` is near the end of what is loaded. */
  const ensure = useCallback(
    (index: number) => {
      if (!done && !inFlight.current && index > rows.length - PAGE / 2) void loadMore();
    },
    [done, rows.length, loadMore],
  );

  return { rows, done, error, loading, ensure, cachedAt };
}
