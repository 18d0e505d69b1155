import Dexie from 'dexie';
import type { Recipient } from '../../shared/schemas/recipients';
import type { IConnectDb } from '../db/iconnect-db';

export type RecipientCache = ReturnType<typeof createRecipientCache>;

/** `rcp_41` → 41: the server's order and the keyset cursor, as a number IndexedDB sorts right. */
export function recipientSeq(id: string): number {
  return Number(id.slice('rcp_'.length));
}

/**
 * Pages of recipients as the server listed them, kept so the table still shows offline. Reading the
 * first page again from the server replaces the campaign's rows (recipients deleted elsewhere go).
 */
export function createRecipientCache(db: IConnectDb, now: () => Date) {
  const range = (campaignId: string, afterSeq: number) =>
    db.recipients.where('[campaignId+seq]').between([campaignId, afterSeq + 1], [campaignId, Dexie.maxKey]);

  return {
    async putPage(campaignId: string, page: { recipients: Recipient[]; nextCursor: string | null }, cursor: string | undefined): Promise<void> {
      const fetchedAt = now().toISOString();
      const from = cursor === undefined ? 0 : recipientSeq(cursor);
      const last = page.nextCursor === null ? Number.MAX_SAFE_INTEGER : recipientSeq(page.recipients.at(-1)?.id ?? page.nextCursor);
      await db.transaction('rw', db.recipients, async () => {
        // This page is the truth between its cursor and its last row: rows cached there before and not in it were deleted.
        await db.recipients.where('[campaignId+seq]').between([campaignId, from + 1], [campaignId, last], true, true).delete();
        await db.recipients.bulkPut(page.recipients.map((recipient) => ({ campaignId, seq: recipientSeq(recipient.id), recipient, fetchedAt })));
      });
    },

    /** The cached rows after `cursor`, as a page, with when the server last gave them. */
    async page(campaignId: string, cursor: string | undefined, limit: number) {
      const rows = await range(campaignId, cursor === undefined ? 0 : recipientSeq(cursor)).limit(limit + 1).toArray();
      const shown = rows.slice(0, limit);
      const cachedAt = shown.reduce<string | null>((oldest, row) => (oldest === null || row.fetchedAt < oldest ? row.fetchedAt : oldest), null);
      return { recipients: shown.map((row) => row.recipient), nextCursor: rows.length > limit ? (shown.at(-1)?.recipient.id ?? null) : null, cachedAt };
    },
  };
}
