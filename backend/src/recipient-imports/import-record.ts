import { sql } from 'drizzle-orm';
import { BoundStatement } from '../db/bound-statement';
import type { Database } from '../db/database';

/**
 * An import untouched this long is dead (issue 17 leftover): it moves `touched_at` with every batch,
 * and one batch takes milliseconds (bench/csv-import.ts), so two minutes of silence is a process
 * that was killed or restarted mid-import, never one still at work. Its rows are then taken back
 * (abandoned-imports.ts) and the launch waits for that (running-import-blocker.ts).
 */
export const IMPORT_STALE_MS = 2 * 60_000;

/**
 * An import whose own last touch is older than this stops instead of writing on: a process that was
 * frozen (suspended, not killed) and wakes up must not add rows to, or finish, an import the cleanup
 * may be taking back. Half of {@link IMPORT_STALE_MS}, so it gives up a minute before any cleanup
 * (perhaps on another machine, its clock a little off) can start.
 */
export const IMPORT_OWN_PATIENCE_MS = IMPORT_STALE_MS / 2;

/**
 * The statements an import writes about itself (the `recipient_imports` row), each for the same
 * `db.batch` as the recipients it concerns, so the row never says more or less than the list holds.
 * Fixed SQL text with bound values (BoundStatement): compiled once where the driver keeps statements,
 * and none of drizzle's per-query building in a 100,000-row import's 200 batches.
 */
export const importRecord = {
  /** The import begins, in the batch of its first rows: 'running', no rows yet. */
  start(db: Database, input: { id: string; campaignId: string; userId: string; now: Date }) {
    const at = input.now.getTime();
    return db.run(
      new BoundStatement("INSERT INTO recipient_imports (id, campaign_id, user_id, status, rows, started_at, touched_at) VALUES (?, ?, ?, 'running', 0, ?, ?)", [
        input.id,
        input.campaignId,
        input.userId,
        at,
        at,
      ]),
    );
  },

  /**
   * Right after each INSERT of recipients: adds the rows it really wrote (`changes()`: the statement
   * before, OR IGNORE skips left out) and moves `touched_at`, but only while the import is alive by
   * its own last touch ({@link IMPORT_OWN_PATIENCE_MS}). `rowsAffected` 0: this import was given up
   * for dead; the caller takes its rows back and stops.
   */
  touch(db: Database, input: { id: string; now: Date }) {
    const at = input.now.getTime();
    return db.run(
      new BoundStatement("UPDATE recipient_imports SET rows = rows + changes(), touched_at = ?1 WHERE id = ?2 AND status = 'running' AND touched_at >= ?3", [
        at,
        input.id,
        at - IMPORT_OWN_PATIENCE_MS,
      ]),
    );
  },

  /**
   * A condition for the statements after a batch's touches: they found the import alive (`touched_at`
   * is this batch's time only then), so an import given up for dead changes nothing more.
   */
  touchedIn(id: string, now: Date) {
    return sql`EXISTS (SELECT 1 FROM recipient_imports WHERE id = ${id} AND status = 'running' AND touched_at = ${now.getTime()})`;
  },

  /** The last rows are in: 'done', in their batch, after their touches (so only a live import finishes). */
  finish(db: Database, input: { id: string; now: Date }) {
    return db.run(new BoundStatement("UPDATE recipient_imports SET status = 'done' WHERE id = ?1 AND status = 'running' AND touched_at = ?2", [input.id, input.now.getTime()]));
  },

  /** The import failed and took its own rows back: not a running one any more. */
  async abandon(db: Database, id: string) {
    await db.run(new BoundStatement("UPDATE recipient_imports SET status = 'abandoned' WHERE id = ?1 AND status = 'running'", [id]));
  },
};
