import type { ResultSet } from '@libsql/client';
import { and, eq, sql } from 'drizzle-orm';
import { BoundStatement } from '../../db/bound-statement';
import type { Database } from '../../db/database';
import type { AppDeps } from '../../deps';
import { campaigns, erasedAddresses, recipients, suppressions } from '../../db/schema';
import { ProblemError } from '../../http/problem';
import { hashAddresses } from '../../lib/address-hash';
import { newId } from '../../lib/random';
import { yieldToEventLoop } from '../../lib/yield-to-event-loop';
import { importRecord } from '../../recipient-imports/import-record';

/** An address that passed the checks, unique (by `key`) within what is being stored. */
export type RecipientCandidate = { email: string; key: string; fields: Record<string, string> };

export type StoreOutcome = {
  imported: number;
  /** Already in the campaign (case-insensitive), including any that another request added meanwhile. */
  duplicates: number;
  /** On the user's suppression list: never added. */
  suppressed: number;
  /** The campaign's merge fields after the import. */
  fields: string[];
};

/**
 * Rows per INSERT statement: 3 bound parameters a row (see insertRecipients), far below SQLite's
 * 32,766, and a few hundred rows keep each statement of a remote (Hrana) batch a modest 40 KB or so.
 */
export const ROWS_PER_INSERT = 500;

/** New merge-field names per UPDATE statement: one bound parameter each, under SQLite's 32,766. */
const FIELDS_PER_UPDATE = 10_000;

/**
 * Adds `candidates` to a campaign: skips addresses already in it and addresses the user suppressed
 * or erased (people/erase-person.ts: counted as suppressed),
 * inserts the rest, and adds `fields` to the campaign's merge fields (bumping its version), in batches
 * with a pause between them; a failure stores nothing (what was written is taken back). Works
 * unchanged over HTTP (Turso) and on Workers: one round trip per batch there.
 *
 * The caller has checked that the campaign belongs to `userId`; every query is still scoped by it.
 */
export async function storeRecipients(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: {
    userId: string;
    campaignId: string;
    candidates: readonly RecipientCandidate[];
    fields: readonly string[];
    /** The wait between two batches: a turn of the event loop; tests hold it to stop an import midway. */
    pause?: () => Promise<void>;
  },
): Promise<StoreOutcome> {
  const { db } = deps;
  const { userId, campaignId } = input;

  // Only the candidates' own addresses are looked up (recipients_one_per_address (campaign_id, email_key)),
  // a few thousand keys a query: a CSV uploaded in parts (the panel's progress bar) would otherwise read
  // every address already in the campaign once per part, 50 × 50,000 rows for a 50,000-row file.
  const existing = await existingKeys(db, { campaignId, userId }, input.candidates);
  // The primary key (user_id, email_key) covers this one.
  const suppressedRows = await db.select({ key: suppressions.emailKey }).from(suppressions).where(eq(suppressions.userId, userId));
  const suppressedKeys = new Set(suppressedRows.map((row) => row.key));
  const erased = await erasedKeys(deps, userId, input.candidates);

  let duplicates = 0;
  let suppressed = 0;
  const toInsert: RecipientCandidate[] = [];
  for (const candidate of input.candidates) {
    if (existing.has(candidate.key)) duplicates++;
    else if (suppressedKeys.has(candidate.key) || erased.has(candidate.key)) suppressed++;
    else toInsert.push(candidate);
  }

  if (toInsert.length === 0) {
    // Nothing to add: leave the campaign (and its version) as it is.
    const [campaign] = await db
      .select({ fields: campaigns.fields })
      .from(campaigns)
      .where(and(eq(campaigns.id, campaignId), eq(campaigns.userId, userId)));
    return { imported: 0, duplicates, suppressed, fields: campaign?.fields ?? [] };
  }

  const now = deps.clock.now();
  const importId = newId('imp');
  const pause = input.pause ?? yieldToEventLoop;
  // Each statement is built just before its batch: building all 200 of a 100,000-row import at once is itself a long stretch.
  const statements = Math.ceil(toInsert.length / ROWS_PER_INSERT);
  const chunk = (statement: number) => toInsert.slice(statement * ROWS_PER_INSERT, (statement + 1) * ROWS_PER_INSERT);
  // Each INSERT is followed by the import's touch (import-record.ts): the rows it wrote, and "still alive".
  const writes = (from: number, to: number, at: Date) =>
    Array.from({ length: to - from }, (_, i) => [
      insertRecipients(db, { campaignId, userId, importId, createdAt: now.getTime() }, chunk(from + i)),
      importRecord.touch(db, { id: importId, now: at }),
    ]).flat();

  // Written a few statements at a time with a pause between (the embedded driver runs a batch as one
  // synchronous call: 100,000 rows in one would hold the event loop for most of a second, issue 17).
  // The import records itself in the same batches (recipient_imports: 'running' with the first rows,
  // 'done' with the last, so a process killed between two batches leaves a running import that
  // recipient-imports/abandoned-imports.ts takes back whole). The campaign's fields go in the last
  // batch; should any batch fail, the rows written before it are deleted again, so the import is
  // still all or nothing for the user.
  const written: WrittenRange[] = [];
  let givenUp = false;
  /** Reads a batch's (INSERT, touch) pairs: what went in, and whether the import was still alive. */
  const collect = async (results: readonly unknown[], from: number) => {
    for (let i = 0; i < results.length; i += 2) {
      await collectWritten(db, campaignId, written, results[i] as ResultSet, chunk(from + i / 2));
      if ((results[i + 1] as ResultSet).rowsAffected !== 1) givenUp = true;
    }
    if (givenUp) throw takenBackProblem();
  };
  /** Whether a batch went in: the first one writes the import's row. */
  let begun = false;
  const start = (at: Date) => (begun ? [] : [importRecord.start(db, { id: importId, campaignId, userId, now: at })]);
  const lastFrom = Math.max(0, statements - INSERTS_PER_BATCH);
  try {
    for (let from = 0; from < lastFrom; from += INSERTS_PER_BATCH) {
      const at = deps.clock.now();
      const head = start(at);
      const [first, ...more] = [...head, ...writes(from, Math.min(from + INSERTS_PER_BATCH, lastFrom), at)];
      const results = await db.batch([first!, ...more]);
      begun = true;
      await collect(results.slice(head.length), from);
      await pause();
    }
    const at = deps.clock.now();
    const head = start(at);
    const pairs = writes(lastFrom, statements, at);
    const fieldUpdates = addCampaignFields(db, { campaignId, userId, now: at, importId }, input.fields);
    const [first, ...more] = [...head, ...pairs, fieldUpdates.first, ...fieldUpdates.more, importRecord.finish(db, { id: importId, now: at })];
    const last = await db.batch([first!, ...more]);
    begun = true;
    await collect(last.slice(head.length, head.length + pairs.length), lastFrom);
    // The batch answers in statement order: the field updates (each returning the fields) come after the pairs.
    const lastUpdate = last[head.length + pairs.length + fieldUpdates.more.length] as Awaited<typeof fieldUpdates.first>;
    const imported = written.reduce((sum, range) => sum + range.last - range.first + 1, 0);
    return {
      imported,
      duplicates: duplicates + (toInsert.length - imported),
      suppressed,
      fields: lastUpdate[0]?.fields ?? [],
    };
  } catch (error) {
    await deleteWritten(db, campaignId, written);
    // Given up for dead: the cleanup owns the import's row now (and says so in the audit log).
    if (begun && !givenUp) await importRecord.abandon(db, importId);
    throw error;
  }
}

/**
 * This import paused longer than `IMPORT_OWN_PATIENCE_MS` (import-record.ts) between two batches
 * (its process was frozen, not killed), so it may be being taken back already: it took back its
 * own rows and stops.
 */
function takenBackProblem() {
  return new ProblemError('conflict', {
    detail: 'This import stopped midway for too long and was taken back: no recipient of it was kept. Import the file again.',
    extra: { reason: 'import-taken-back' },
  });
}

/** INSERT statements (of {@link ROWS_PER_INSERT} rows) per batch between two pauses: a few ms of writing. */
export const INSERTS_PER_BATCH = 4;

/**
 * The ids of rows this import wrote, `first` to `last`: what a failed import takes back. Read from
 * the statement's answer rather than RETURNING id, which made the driver build an object per row
 * (bench/csv-import.ts). One statement runs whole while it holds SQLite's write lock and
 * AUTOINCREMENT gives each row the next id, so when every row went in they are the `rowsAffected`
 * ids up to `last_insert_rowid` (the statement's last row: SQLite restores it when the analytics
 * trigger ends). A row skipped by OR IGNORE (another request added the address meanwhile) may still
 * use up an id, so then the ids are read back: that request's rows came first, so ours are the
 * highest ids among the statement's addresses.
 */
type WrittenRange = { first: number; last: number };

async function collectWritten(db: Database, campaignId: string, written: WrittenRange[], result: ResultSet, rows: readonly RecipientCandidate[]) {
  const count = result.rowsAffected;
  if (count === 0 || result.lastInsertRowid === undefined) return;
  const last = Number(result.lastInsertRowid);
  if (count === rows.length) {
    written.push({ first: last - count + 1, last });
    return;
  }
  const text = `SELECT id FROM recipients WHERE campaign_id = ?1 AND email_key IN (${rows.map(() => '?').join(', ')}) AND id <= ? ORDER BY id DESC LIMIT ?`;
  const ids = await db.all<{ id: number }>(new BoundStatement(text, [campaignId, ...rows.map((row) => row.key), last, count]));
  for (const { id } of ids) written.push({ first: id, last: id });
}

/** Id ranges per DELETE when a failed import is taken back: two bound parameters each. */
const RANGES_PER_DELETE = 250;

/** Takes back the rows an import wrote before one of its batches failed, a few hundred ranges a statement. */
async function deleteWritten(db: Database, campaignId: string, written: readonly WrittenRange[]) {
  for (let start = 0; start < written.length; start += RANGES_PER_DELETE) {
    const ranges = written.slice(start, start + RANGES_PER_DELETE);
    const where = ranges.map(() => 'id BETWEEN ? AND ?').join(' OR ');
    await db.run(new BoundStatement(`DELETE FROM recipients WHERE campaign_id = ?1 AND (${where})`, [campaignId, ...ranges.flatMap((range) => [range.first, range.last])]));
    await yieldToEventLoop();
  }
}

/**
 * Which candidates are people this user erased. Only their keyed hashes are kept (erased_addresses),
 * so the candidates are hashed to compare; a user who never erased anyone (almost everyone) pays one
 * indexed lookup and no hashing. The HMAC is cheap beside the import (one key for the whole list).
 */
async function erasedKeys(deps: Pick<AppDeps, 'db' | 'config'>, userId: string, candidates: readonly RecipientCandidate[]): Promise<Set<string>> {
  const erased = new Set<string>();
  if (candidates.length === 0) return erased;
  // erased_addresses_pk (user_id, address_hash) covers this.
  const rows = await deps.db.select({ hash: erasedAddresses.addressHash }).from(erasedAddresses).where(eq(erasedAddresses.userId, userId));
  if (rows.length === 0) return erased;
  const hashes = new Set(rows.map((row) => row.hash));
  const candidateHashes = await hashAddresses(deps.config.authSecret, userId, candidates.map((candidate) => candidate.key));
  candidateHashes.forEach((hash, i) => {
    if (hashes.has(hash)) erased.add(candidates[i]!.key);
  });
  return erased;
}

/** Keys per lookup: one bound parameter each, besides the campaign and the user, under SQLite's 32,766. */
const KEYS_PER_LOOKUP = 2_000;

/**
 * Which of the candidates' addresses the campaign already has. A campaign with no recipient yet (a
 * first import) has none, and one indexed probe says so; otherwise the keys are looked up a slice at
 * a time with a pause between (100,000 keys take most of a second). An address another request adds
 * meanwhile is still caught: the insert skips it (OR IGNORE) and it counts as a duplicate.
 */
async function existingKeys(db: Database, owner: { campaignId: string; userId: string }, candidates: readonly RecipientCandidate[]): Promise<Set<string>> {
  const existing = new Set<string>();
  // recipients_by_campaign (campaign_id, id).
  const [any] = await db.all<{ one: number }>(new BoundStatement('SELECT 1 AS one FROM recipients WHERE campaign_id = ?1 LIMIT 1', [owner.campaignId]));
  if (any === undefined) return existing;
  for (let start = 0; start < candidates.length; start += KEYS_PER_LOOKUP) {
    if (start > 0) await yieldToEventLoop();
    const keys = candidates.slice(start, start + KEYS_PER_LOOKUP).map((candidate) => candidate.key);
    // Built as text with every key a bound parameter (BoundStatement): drizzle's per-value building of a long IN list costs more than the lookup.
    const text = `SELECT email_key AS key FROM recipients WHERE campaign_id = ?1 AND user_id = ?2 AND email_key IN (${keys.map(() => '?').join(', ')})`;
    const rows = await db.all<{ key: string }>(new BoundStatement(text, [owner.campaignId, owner.userId, ...keys]));
    for (const row of rows) existing.add(row.key);
  }
  return existing;
}

/**
 * One multi-row INSERT: every user value a bound parameter, never text unpacked from JSON inside
 * SQL (SQLite decodes a `\ud800` escape into invalid UTF-8, and the libsql binding panics reading
 * it back: issue 12). The campaign, the user, the time and the import are bound once as ?1–?4 and
 * shared by every row, so a row costs 3 parameters. Rows go in the order given, so ids follow the file.
 * Binding 300,000 values costs SQLite a little more than the one JSON parameter per statement this
 * replaced (within ~10% of the whole import, bench/csv-import.ts); built as text (BoundStatement),
 * drizzle's per-value query building stays out of it.
 *
 * OR IGNORE against recipients_one_per_address: an address another request added since the read
 * above is skipped, not an error, and the affected-row count tells what really went in
 * ({@link WrittenRange}).
 */
function insertRecipients(
  db: Database,
  shared: { campaignId: string; userId: string; importId: string; createdAt: number },
  rows: readonly RecipientCandidate[],
) {
  const values: unknown[] = [shared.campaignId, shared.userId, shared.createdAt, shared.importId];
  for (const row of rows) values.push(row.email, row.key, JSON.stringify(row.fields));
  return db.run(new BoundStatement(insertText(rows.length), values));
}

/** The INSERT text for `rows` rows: every full statement of an import has the same text, built once (and compiled once where the driver keeps statements). */
function insertText(rows: number): string {
  if (rows === ROWS_PER_INSERT && fullInsertText !== undefined) return fullInsertText;
  const text = `INSERT OR IGNORE INTO recipients (campaign_id, user_id, created_at, import_id, email, email_key, fields, status) VALUES ${new Array<string>(rows).fill("(?1, ?2, ?3, ?4, ?, ?, ?, 'pending')").join(', ')}`;
  if (rows === ROWS_PER_INSERT) fullInsertText = text;
  return text;
}
let fullInsertText: string | undefined;

/**
 * Adds `names` to the campaign's merge fields and bumps its version. The union is computed by
 * SQLite inside the batch, not from a value read earlier, so two imports into the same campaign at
 * once cannot drop each other's fields. Existing fields first, then the new ones in file order;
 * the order comes from an ordered subquery, not `json_group_array(value ORDER BY …)`: the libsql
 * server (Turso) parses every statement and rejects aggregate ORDER BY, and SQLite never flattens
 * an ORDER BY subquery into an aggregate, so the rows reach it in that order.
 *
 * The new names are bound parameters in a VALUES list (positions are our own integers), at most
 * {@link FIELDS_PER_UPDATE} a statement; more (a JSON add can name tens of thousands) take more
 * statements, each appending to what the one before wrote. Every statement returns the fields.
 * They run after the last rows' touches and only if those found the import alive (`touchedIn`): an
 * import given up for dead leaves the campaign as it was.
 */
function addCampaignFields(db: Database, target: { campaignId: string; userId: string; now: Date; importId: string }, names: readonly string[]) {
  const owned = and(eq(campaigns.id, target.campaignId), eq(campaigns.userId, target.userId), importRecord.touchedIn(target.importId, target.now));
  const union = (chunk: readonly string[]) =>
    chunk.length === 0
      ? sql`${campaigns.fields}`
      : sql`(
          SELECT json_group_array(value) FROM (
            SELECT value, 0 AS source, key AS position FROM json_each(${campaigns.fields})
            UNION ALL
            SELECT column2, 1, column1 FROM (VALUES ${sql.join(
              chunk.map((name, i) => sql`(${sql.raw(String(i))}, ${name})`),
              sql`, `,
            )})
            WHERE column2 NOT IN (SELECT value FROM json_each(${campaigns.fields}))
            ORDER BY source, position
          )
        )`;
  const first = db
    .update(campaigns)
    .set({ fields: union(names.slice(0, FIELDS_PER_UPDATE)), version: sql`${campaigns.version} + 1`, updatedAt: target.now })
    .where(owned)
    .returning({ fields: campaigns.fields });
  const more = [];
  for (let start = FIELDS_PER_UPDATE; start < names.length; start += FIELDS_PER_UPDATE) {
    more.push(db.update(campaigns).set({ fields: union(names.slice(start, start + FIELDS_PER_UPDATE)) }).where(owned).returning({ fields: campaigns.fields }));
  }
  return { first, more };
}
