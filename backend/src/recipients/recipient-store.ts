import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Recipient, RecipientStatus } from '../../../shared/schemas/recipients';
import type { AppDeps } from '../deps';
import { recipients } from '../db/schema';
import { formatRecipientId } from '../db/recipient-id';
import { likeContains } from './search-pattern';

export type RecipientRow = typeof recipients.$inferSelect;

export function toRecipient(row: RecipientRow): Recipient {
  return {
    id: formatRecipientId(row.id),
    email: row.email,
    fields: row.fields,
    status: row.status,
    statusReason: row.statusReason,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * One page of a campaign's recipients in id order, after a keyset cursor (`afterId`) or from a
 * position in the list (`offset`, a jump: "show me row 45,000"). Unfiltered, recipients_by_campaign
 * (campaign_id, id) reads the page in order; by state, recipients_by_campaign_status. A jump first
 * finds the id at that position from the index alone (covering: no row is read while skipping), then
 * reads the page from it like a cursor page, so row 45,000 costs about what row 1 does
 * (bench/recipient-page.ts). Only a search must read every row it skips: it matches field values.
 *
 * A search (`q`) matches the address or any field's value, case-insensitively for ASCII (SQLite's
 * LIKE). Values are matched one by one through json_each over the stored fields, so a field's name
 * ("company") matches nothing by itself. The user's text is only ever a bound LIKE parameter, never
 * an argument of a JSON function (libsql panics on some inputs there).
 *
 * `total` (the matches in the whole list) is counted only when asked: the panel needs it once, to size
 * its scrollbar, not on every page.
 */
export async function pageRecipients(
  deps: Pick<AppDeps, 'db'>,
  campaignId: string,
  options: { afterId: number; offset?: number | undefined; status: RecipientStatus | undefined; q?: string | undefined; limit: number; withTotal?: boolean },
) {
  const pattern = options.q ? likeContains(options.q) : null;
  const matches = and(
    eq(recipients.campaignId, campaignId),
    options.status ? eq(recipients.status, options.status) : undefined,
    pattern === null
      ? undefined
      : sql`(${recipients.email} LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(${recipients.fields}) AS field WHERE field.value LIKE ${pattern} ESCAPE '\\'))`,
  );
  const offset = options.offset ?? 0;
  // Without a search the position is found in the index; a search skips with OFFSET (it reads the rows anyway).
  const fromPosition =
    offset > 0 && pattern === null
      ? sql`${recipients.id} >= (SELECT ${recipients.id} FROM ${recipients} WHERE ${matches} ORDER BY ${recipients.id} LIMIT 1 OFFSET ${offset})`
      : undefined;
  const query = deps.db
    .select()
    .from(recipients)
    .where(and(matches, gt(recipients.id, options.afterId), fromPosition))
    .orderBy(asc(recipients.id))
    .limit(options.limit + 1);
  const rows = await (offset > 0 && pattern !== null ? query.offset(offset) : query);
  const hasMore = rows.length > options.limit;
  const page = hasMore ? rows.slice(0, options.limit) : rows;
  let total: number | null = null;
  if (options.withTotal) {
    const [counted] = await deps.db.select({ n: sql<number>`count(*)` }).from(recipients).where(matches);
    total = counted?.n ?? 0;
  }
  return { rows: page, nextAfterId: hasMore ? page[page.length - 1]!.id : null, total };
}

export async function findRecipient(deps: Pick<AppDeps, 'db'>, campaignId: string, recipientId: number) {
  const [row] = await deps.db
    .select()
    .from(recipients)
    .where(and(eq(recipients.campaignId, campaignId), eq(recipients.id, recipientId)))
    .limit(1);
  return row;
}

/** Up to `limit` recipients of a campaign after `afterId`, in id order (recipients_by_campaign): a page of the streamed CSV export. */
export async function recipientsAfter(deps: Pick<AppDeps, 'db'>, campaignId: string, afterId: number, limit: number) {
  return deps.db
    .select()
    .from(recipients)
    .where(and(eq(recipients.campaignId, campaignId), gt(recipients.id, afterId)))
    .orderBy(asc(recipients.id))
    .limit(limit);
}

export async function updateRecipient(
  deps: Pick<AppDeps, 'db'>,
  row: RecipientRow,
  changes: Partial<Pick<RecipientRow, 'email' | 'emailKey' | 'fields'>>,
) {
  // The schemas answer fields as a null-prototype object (shared/schemas/field-map.ts), and drizzle's
  // entity checks read a value's prototype and throw on one; a spread copy is a plain object that
  // keeps every own key, `__proto__` included.
  const values = changes.fields ? { ...changes, fields: { ...changes.fields } } : changes;
  // An empty edit (`PATCH {}`) changes nothing; drizzle refuses an UPDATE without values.
  if (Object.keys(values).length === 0) return row;
  const [updated] = await deps.db
    .update(recipients)
    .set(values)
    .where(and(eq(recipients.campaignId, row.campaignId), eq(recipients.id, row.id)))
    .returning();
  return updated!;
}

export async function deleteRecipient(deps: Pick<AppDeps, 'db'>, row: RecipientRow) {
  await deps.db.delete(recipients).where(and(eq(recipients.campaignId, row.campaignId), eq(recipients.id, row.id)));
}

export async function countRecipients(deps: Pick<AppDeps, 'db'>, campaignId: string) {
  const [row] = await deps.db.select({ n: sql<number>`count(*)` }).from(recipients).where(eq(recipients.campaignId, campaignId));
  return row?.n ?? 0;
}
