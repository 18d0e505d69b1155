import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { recordAudit, SYSTEM } from '../audit/record-audit';
import { BoundStatement } from '../db/bound-statement';
import type { Database } from '../db/database';
import { campaigns, recipientImports } from '../db/schema';
import type { AppDeps } from '../deps';
import { yieldToEventLoop } from '../lib/yield-to-event-loop';
import { IMPORT_STALE_MS } from './import-record';

/** Recipients deleted per statement while an import is taken back, with a pause between: a few ms each. */
export const ROWS_PER_TAKE_BACK = 2_000;

/** Dead imports handled per pass; more wait for the next pass (a pass stays short). */
const IMPORTS_PER_PASS = 20;

export type TakenBackImport = { importId: string; campaignId: string; userId: string; rows: number };

/**
 * Takes back every import that died midway (issue 17 leftover: a 100,000-row import written in
 * batches, its process killed between two of them): an import still 'running' whose `touched_at`
 * is older than {@link IMPORT_STALE_MS}. Its recipients are deleted a slice at a time (pausing
 * between slices), then it is marked 'abandoned', the campaign's version moves (the panel's sync
 * fetches the true counts) and the audit log says what happened. The analytics counters follow by
 * their triggers.
 *
 * Safe to run from several processes at once and to stop anywhere: until the mark, the import is
 * still running and stale, so the next pass goes on where this one stopped; only the pass whose mark
 * lands writes the audit entry. A recipient the campaign already has a message for (impossible while
 * the launch waits for imports, running-import-blocker.ts) is kept: its history stays.
 *
 * @example const takenBack = await takeBackAbandonedImports(deps)
 */
export async function takeBackAbandonedImports(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>, now: Date = deps.clock.now()): Promise<TakenBackImport[]> {
  const staleBefore = new Date(now.getTime() - IMPORT_STALE_MS);
  // recipient_imports_by_status (status, touched_at).
  const dead = await deps.db
    .select({ id: recipientImports.id, campaignId: recipientImports.campaignId, userId: recipientImports.userId })
    .from(recipientImports)
    .where(and(eq(recipientImports.status, 'running'), lt(recipientImports.touchedAt, staleBefore)))
    .orderBy(asc(recipientImports.touchedAt))
    .limit(IMPORTS_PER_PASS);

  const takenBack: TakenBackImport[] = [];
  for (const row of dead) {
    const rows = await deleteImportRows(deps.db, row);
    const [marked] = await deps.db
      .update(recipientImports)
      .set({ status: 'abandoned' })
      .where(and(eq(recipientImports.id, row.id), eq(recipientImports.status, 'running'), lt(recipientImports.touchedAt, staleBefore)))
      .returning({ id: recipientImports.id });
    // Another pass marked it first (and told the user), or nothing of it was left to take back.
    if (!marked || rows === 0) continue;
    await deps.db
      .update(campaigns)
      .set({ version: sql`${campaigns.version} + 1`, updatedAt: deps.clock.now() })
      .where(and(eq(campaigns.id, row.campaignId), eq(campaigns.userId, row.userId)));
    await recordAudit(deps, { userId: row.userId, actor: SYSTEM, action: 'recipients.import_taken_back', subject: row.campaignId, detail: { rows } });
    deps.logger.info('import taken back', { importId: row.id, campaignId: row.campaignId, rows });
    takenBack.push({ importId: row.id, campaignId: row.campaignId, userId: row.userId, rows });
  }
  return takenBack;
}

/**
 * Deletes an import's recipients a slice at a time in id order, and answers how many went. No index
 * names import_id (inserts stay cheap): each slice walks recipients_by_campaign (campaign_id, id) on
 * from where the last one ended, so the whole take-back reads the campaign's rows once.
 */
async function deleteImportRows(db: Database, row: { id: string; campaignId: string }): Promise<number> {
  let after = 0;
  let deleted = 0;
  for (;;) {
    const [slice] = await db.all<{ last: number | null }>(
      new BoundStatement('SELECT max(id) AS last FROM (SELECT id FROM recipients WHERE campaign_id = ?1 AND import_id = ?2 AND id > ?3 ORDER BY id LIMIT ?4)', [
        row.campaignId,
        row.id,
        after,
        ROWS_PER_TAKE_BACK,
      ]),
    );
    if (slice?.last == null) return deleted;
    // send_jobs_one_per_recipient_step (recipient_id, step) answers the NOT EXISTS.
    const result = await db.run(
      new BoundStatement(
        'DELETE FROM recipients WHERE campaign_id = ?1 AND import_id = ?2 AND id > ?3 AND id <= ?4 AND NOT EXISTS (SELECT 1 FROM send_jobs WHERE send_jobs.recipient_id = recipients.id)',
        [row.campaignId, row.id, after, slice.last],
      ),
    );
    deleted += result.rowsAffected;
    after = slice.last;
    await yieldToEventLoop();
  }
}

/** How often a process looks for dead imports: a dead one is taken back within 30 s of going stale. */
export const TAKE_BACK_CHECK_MS = IMPORT_STALE_MS / 4;

/** Per database: when this process looks next (the scheduler ticks every few seconds). */
const nextCheckByDatabase = new WeakMap<Database, number>();

/**
 * The scheduler tick's hook (both runtimes): a pass every {@link TAKE_BACK_CHECK_MS}, else nothing
 * (no query). A failure is logged and tried again at the next check; it never fails the tick.
 *
 * @example await takeBackAbandonedImportsIfDue(engineDeps)
 */
export async function takeBackAbandonedImportsIfDue(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): Promise<TakenBackImport[] | null> {
  const now = deps.clock.now();
  const nextCheckAt = nextCheckByDatabase.get(deps.db);
  if (nextCheckAt !== undefined && now.getTime() < nextCheckAt) return null;
  nextCheckByDatabase.set(deps.db, now.getTime() + TAKE_BACK_CHECK_MS);
  try {
    return await takeBackAbandonedImports(deps, now);
  } catch (error) {
    deps.logger.error('taking back abandoned imports failed', { error });
    return null;
  }
}
