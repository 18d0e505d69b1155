import { and, desc, eq, lt } from 'drizzle-orm';
import type { AuditEntry, AuditPage } from '../../../shared/schemas/audit';
import type { AppDeps } from '../deps';
import { apiTokens, auditLog } from '../db/schema';

/** Entries per page when the caller does not say. */
export const DEFAULT_AUDIT_PAGE_SIZE = 50;

/**
 * One page of a user's audit log, newest first. The cursor is the id of the last entry of the page
 * before: ids only grow (AUTOINCREMENT never reuses one), so `id < cursor` neither repeats nor skips
 * an entry even while new ones are appended. Served by the index audit_log_by_user (user_id, id).
 *
 * A token's name is joined from api_tokens while the token exists; a revoked token's entries keep
 * the name they recorded in `detail` (token.created / token.revoked).
 *
 * @example await auditPage(deps, user.id, { cursor: page.nextCursor ?? undefined, limit: 50 })
 */
export async function auditPage(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<AuditPage> {
  const limit = options.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
  const rows = await deps.db
    .select({ entry: auditLog, tokenName: apiTokens.name })
    .from(auditLog)
    // The owner in the join too: a token id of another user never lends its name.
    .leftJoin(apiTokens, and(eq(apiTokens.id, auditLog.tokenId), eq(apiTokens.userId, auditLog.userId)))
    .where(and(eq(auditLog.userId, userId), options.cursor === undefined ? undefined : lt(auditLog.id, Number(options.cursor))))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit).map(({ entry, tokenName }) => toAuditEntry(entry, tokenName));
  return { entries, nextCursor: rows.length > limit ? entries.at(-1)!.id : null };
}

function toAuditEntry(row: typeof auditLog.$inferSelect, tokenName: string | null): AuditEntry {
  return {
    id: String(row.id),
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    tokenId: row.tokenId,
    tokenName,
    action: row.action,
    subject: row.subject,
    detail: row.detail,
    ipAddress: row.ipAddress,
  };
}
