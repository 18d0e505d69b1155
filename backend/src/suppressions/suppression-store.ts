import { and, desc, eq, sql } from 'drizzle-orm';
import type { Suppression } from '../../../shared/schemas/suppressions';
import type { AppDeps } from '../deps';
import { suppressions } from '../db/schema';
import { likeContains } from '../recipients/search-pattern';

export type SuppressionRow = typeof suppressions.$inferSelect;

export function toSuppression(row: SuppressionRow): Suppression {
  return { email: row.email, reason: row.reason, source: row.sourceCampaignId, createdAt: row.createdAt.toISOString() };
}

/** The user's suppressed addresses, newest first; `q` keeps those whose address contains it (a bound LIKE parameter). */
export async function listSuppressions(deps: Pick<AppDeps, 'db'>, userId: string, q?: string) {
  const pattern = q ? likeContains(q) : null;
  return deps.db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.userId, userId), pattern === null ? undefined : sql`${suppressions.email} LIKE ${pattern} ESCAPE '\\'`))
    .orderBy(desc(suppressions.createdAt), suppressions.email);
}

/** Adds an address; an address already suppressed keeps its first reason (idempotent). */
export async function suppressAddress(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { userId: string; email: string; key: string; reason: SuppressionRow['reason']; sourceCampaignId: string | null },
): Promise<{ row: SuppressionRow; created: boolean }> {
  const inserted = await deps.db
    .insert(suppressions)
    .values({ userId: input.userId, emailKey: input.key, email: input.email, reason: input.reason, sourceCampaignId: input.sourceCampaignId, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const [existing] = await deps.db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.userId, input.userId), eq(suppressions.emailKey, input.key)));
  return { row: existing!, created: false };
}

export async function removeSuppression(deps: Pick<AppDeps, 'db'>, userId: string, key: string): Promise<boolean> {
  const removed = await deps.db
    .delete(suppressions)
    .where(and(eq(suppressions.userId, userId), eq(suppressions.emailKey, key)))
    .returning({ key: suppressions.emailKey });
  return removed.length > 0;
}

/** One suppressed address of this user, by its key (`emailKey`), or undefined. */
export async function findSuppression(deps: Pick<AppDeps, 'db'>, userId: string, key: string) {
  const [row] = await deps.db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.userId, userId), eq(suppressions.emailKey, key)))
    .limit(1);
  return row;
}
