import { useCallback, useEffect, useRef, useState } from 'react';
import type { Recipient } from '../../../shared/schemas/recipients';
import { sendMessage } from '../send-message';
import { filterQuery, NO_FILTER, type RecipientFilter } from './recipient-filter';

export const RECIPIENT_PAGE = 200;
/** Requests at once: dragging the scrollbar across 50,000 rows asks only for where it stops, not for every page on the way. */
const CONCURRENT_PAGES = 2;

/**
 * A campaign's recipients, searched and filtered by the server, fetched by the page that is on screen:
 * `ensure(first, last)` asks for the pages holding rows first…last, by position (`offset`). Jumping
 * to row 45,000 fetches that page alone (issue 14: the panel used to read every page before it, 4.5 s
 * of "Loading…"). The first answer says how many rows the list has (`total`), which sizes the table;
 * answered from this device's cache (offline), it does not, and `fallbackTotal` (the campaign's count)
 * stands in. The caller remounts (a `key`) when the filter changes, so pages of two filters never mix.
 */
export function useRecipientPages(campaignId: string, filter: RecipientFilter = NO_FILTER, fallbackTotal: number | null = null) {
  const { q, status } = filterQuery(filter);
  const [pages, setPages] = useState<ReadonlyMap<number, Recipient[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Set when rows came from this device's cache because the server could not be reached. */
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  /** The pages on screen now: a page scrolled past while others loaded is never asked for. */
  const wanted = useRef<{ first: number; last: number }>({ first: 0, last: 0 });
  const inFlightRef = useRef(0);
  const [inFlight, setInFlight] = useState(0);

  const load = useCallback(
    async (index: number): Promise<boolean> => {
      requested.current.add(index);
      inFlightRef.current++;
      setInFlight((n) => n + 1);
      const offset = index * RECIPIENT_PAGE;
      const page = await sendMessage({
        type: 'recipients/list',
        campaignId,
        limit: RECIPIENT_PAGE,
        ...(offset > 0 ? { offset } : {}),
        ...(q ? { q } : {}),
        ...(status ? { status } : {}),
      });
      inFlightRef.current--;
      setInFlight((n) => n - 1);
      if (!page.ok) {
        // Asked again when it next comes into view.
        requested.current.delete(index);
        setError(page.error.message);
        return false;
      }
      setError(null);
      const { recipients, nextCursor, total: counted, cachedAt: cached } = page.value;
      if (cached !== null) setCachedAt(cached);
      if (counted !== null) setTotal(counted);
      // The list ended here (shorter than when it was counted): its length is now known exactly.
      else if (nextCursor === null) setTotal(offset + recipients.length);
      else if (index === 0 && fallbackTotal !== null) setTotal((known) => known ?? fallbackTotal);
      setPages((current) => new Map(current).set(index, recipients));
      return true;
    },
    [campaignId, q, status, fallbackTotal],
  );

  /** Starts the pages on screen not asked for yet, at most {@link CONCURRENT_PAGES} at a time, then looks again. */
  const pump = useCallback(() => {
    const { first, last } = wanted.current;
    for (let index = first; index <= last && inFlightRef.current < CONCURRENT_PAGES; index++) {
      // After a failure, nothing more until the user scrolls: a server that is down is not asked in a loop.
      if (!requested.current.has(index)) void load(index).then((loaded) => loaded && pump());
    }
  }, [load]);

  useEffect(() => {
    if (!requested.current.has(0)) void load(0).then((loaded) => loaded && pump());
  }, [load, pump]);

  /** Fetches the pages that hold rows `first` to `last` (exclusive) not asked for yet. */
  const ensure = useCallback(
    (first: number, last: number) => {
      if (total === null) return;
      const end = Math.min(last, total);
      wanted.current = { first: Math.floor(first / RECIPIENT_PAGE), last: Math.floor(Math.max(first, end - 1) / RECIPIENT_PAGE) };
      pump();
    },
    [total, pump],
  );

  const rowAt = useCallback((row: number) => pages.get(Math.floor(row / RECIPIENT_PAGE))?.[row % RECIPIENT_PAGE], [pages]);

  return { total, rowAt, error, loading: inFlight > 0, ensure, cachedAt };
}
