import Dexie from 'dexie';
import type { Recipient } from '../../shared/schemas/recipients';
import type { IConnectDb, RecipientCacheRow } from '../db/iconnect-db';

export type RecipientCache = ReturnType<typeof createRecipientCache>;

/** `rcp_41` → 41: the server's order and the keyset cursor, as a number IndexedDB sorts right. */
export function recipientSeq(id: string): number {
  return Number(id.slice('rcp_'.length));
}

/** How a page was asked for: after a cursor, or from a position of the list (a jump). */
export type PageStart = { cursor?: string | undefined; offset?: number | undefined };

/**
 * Pages of recipients as the server listed them, kept so the table still shows offline. Reading the
 * first page again from the server replaces the campaign's rows (recipients deleted elsewhere go).
 */
export function createRecipientCache(db: IConnectDb, now: () => Date) {
  const range = (campaignId: string, afterSeq: number) =>
    db.recipients.where('[campaignId+seq]').between([campaignId, afterSeq + 1], [campaignId, Dexie.maxKey]);

  return {
    async putPage(campaignId: string, page: { recipients: Recipient[]; nextCursor: string | null }, start: PageStart): Promise<void> {
      const fetchedAt = now().toISOString();
      const first = page.recipients[0];
      // A jump knows no cursor: its page is the truth from its own first row on.
      const from = start.cursor !== undefined ? recipientSeq(start.cursor) : start.offset && first ? recipientSeq(first.id) - 1 : 0;
      const last = page.nextCursor === null ? Number.MAX_SAFE_INTEGER : recipientSeq(page.recipients.at(-1)?.id ?? page.nextCursor);
      await db.transaction('rw', db.recipients, async () => {
        // This page is the truth between its start and its last row: rows cached there before and not in it were deleted.
        await db.recipients.where('[campaignId+seq]').between([campaignId, from + 1], [campaignId, last], true, true).delete();
        await db.recipients.bulkPut(
          page.recipients.map((recipient, index) => ({
            campaignId,
            seq: recipientSeq(recipient.id),
            recipient,
            fetchedAt,
            ...(start.cursor === undefined ? { position: (start.offset ?? 0) + index } : {}),
          })),
        );
      });
    },

    /**
     * The cached rows after `cursor` (or, for a jump, those that stood at `offset`… when fetched), as a
     * page, with when the server last gave them. A jump to rows never fetched answers none.
     */
    async page(campaignId: string, start: PageStart, limit: number) {
      const offset = start.offset ?? 0;
      const rows =
        start.cursor === undefined && offset > 0
          ? atPositions(
              await range(campaignId, 0)
                .filter((row) => row.position !== undefined && row.position >= offset && row.position <= offset + limit)
                .toArray(),
              offset,
            )
          : await range(campaignId, start.cursor === undefined ? 0 : recipientSeq(start.cursor)).limit(limit + 1).toArray();
      const shown = rows.slice(0, limit);
      const cachedAt = shown.reduce<string | null>((oldest, row) => (oldest === null || row.fetchedAt < oldest ? row.fetchedAt : oldest), null);
      return { recipients: shown.map((row) => row.recipient), nextCursor: rows.length > limit ? (shown.at(-1)?.recipient.id ?? null) : null, total: null, cachedAt };
    },
  };
}

/** The rows that stood at `offset`, `offset + 1`… without a gap: a row read at another time for another position is not this page's. */
function atPositions(rows: RecipientCacheRow[], offset: number): RecipientCacheRow[] {
  const page: RecipientCacheRow[] = [];
  for (const row of rows) {
    if (row.position !== offset + page.length) break;
    page.push(row);
  }
  return page;
}
