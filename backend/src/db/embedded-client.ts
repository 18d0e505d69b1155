import Database from 'libsql';
import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client';
import { asLibsqlError, resultSet, rowOf, toSqlArgs } from './embedded-results';

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection['prepare']>;

/** A compiled statement and what it is: `reader` asked once, not by catching `raw()`'s throw each time. */
type Cached = { statement: Statement; reader: boolean };

/**
 * Statements kept compiled, per connection. Generous in number: the engine, the pixel and the API
 * together run about a hundred distinct texts. Bounded in size: a compiled statement costs about ten
 * times its text (the tracking INSERT once inlined ids and times, ~15 KB of new text at every flush,
 * held ~170 KB each: +88 MB after 600 flushes when every text up to 64 KB was kept; it now has seven
 * fixed texts, tracking/event-writer.ts). So a text over
 * MAX_CACHED_SQL is kept only when it comes back (the import's full multi-row INSERT, one text for
 * every batch, recipients/add-recipients/store-recipients.ts), never on first sight; none over
 * MAX_CACHED_LONG_SQL; and the kept texts together stay under MAX_CACHED_BYTES.
 */
const MAX_CACHED = 512;
const MAX_CACHED_SQL = 4 * 1024;
const MAX_CACHED_LONG_SQL = 64 * 1024;
const MAX_CACHED_BYTES = 1024 * 1024;
/** Long texts seen once, remembered (as text, not compiled) to keep them when they come back. */
const MAX_SEEN_LONG = 8;
/**
 * Run once and dropped: PRAGMAs (set-up, checkpoints), and EXPLAIN: libsql leaves the query plan
 * of a write unfinished, and every COMMIT on the connection fails ("SQL statements in progress")
 * until the statement is garbage-collected (@libsql/client alike); kept, it would never be.
 */
const NOT_KEPT = /^\s*(PRAGMA|EXPLAIN)\b/i;

/**
 * Node only: the libsql `Client` for an embedded SQLite file (or `:memory:`), over the same native
 * `libsql` connection @libsql/client uses, with one difference: a statement is compiled once and
 * reused. @libsql/client 0.18's file client calls `prepare` for every execution, and compiling is
 * often dearer than running: the scheduler's claim took ~170 µs to compile, more than the ~100 µs a
 * whole claim costs once compiled, and an UPDATE of send_jobs compiled its analytics triggers each
 * time (~90 µs). Measured for bench/sending-engine.ts (issue 17): ~1/3 of the engine's CPU before.
 * SQLite recompiles a kept statement by itself when the schema changes (sqlite3_prepare_v2).
 *
 * Everything else is @libsql/client's behaviour, kept so drizzle and our callers see no difference:
 * one connection (as `concurrency: 1` gave), rows shaped as its rows (indexes and `length` not
 * enumerable, columns by name), integers as numbers (`intMode: 'number'`), errors as LibsqlError
 * with SQLite's codes, a batch in one transaction rolled back on the first error, a held
 * transaction refusing other calls (TRANSACTION_ACTIVE) rather than waiting for ever.
 * Workers and remote URLs keep @libsql/client (workers/open-web-database.ts, open-database.ts).
 *
 * @example
 * const client = createEmbeddedClient('/data/iconnect.db');
 * const db = drizzle(client, { schema });
 */
export function createEmbeddedClient(path: string): Client {
  return new EmbeddedClient(path);
}

/** What an embedded client keeps compiled (null for any other client): for tests of the bounds above. */
export function keptStatements(client: Client): { count: number; bytes: number; longest: number } | null {
  return client instanceof EmbeddedClient ? client.kept() : null;
}

class EmbeddedClient implements Client {
  closed = false;
  readonly protocol = 'file';
  #connection: Connection;
  #cache = new Map<string, Cached>();
  /** Length of the kept texts together (UTF-16 units, as MAX_CACHED_SQL counts). */
  #cachedBytes = 0;
  #seenLong: string[] = [];
  #transaction: EmbeddedTransaction | null = null;

  constructor(private readonly path: string) {
    this.#connection = new Database(path);
  }

  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const connection = this.#available();
    return this.#run(connection, typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const connection = this.#available();
    try {
      this.#run(connection, beginFor(mode));
      const results = runInOrder(stmts, (stmt) => this.#run(connection, Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt), () => connection.inTransaction);
      this.#run(connection, 'COMMIT');
      return results;
    } finally {
      rollBackIfOpen(connection);
    }
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.#available();
    this.#run(connection, 'PRAGMA foreign_keys=off');
    try {
      this.#run(connection, 'BEGIN DEFERRED');
      const results = runInOrder(stmts, (stmt) => this.#run(connection, stmt), () => connection.inTransaction);
      this.#run(connection, 'COMMIT');
      return results;
    } finally {
      rollBackIfOpen(connection);
      this.#run(connection, 'PRAGMA foreign_keys=on');
    }
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const connection = this.#available();
    this.#run(connection, beginFor(mode));
    this.#transaction = new EmbeddedTransaction(connection, (stmt) => this.#run(connection, stmt), () => {
      this.#transaction = null;
    });
    return this.#transaction;
  }

  async executeMultiple(sql: string): Promise<void> {
    const connection = this.#available();
    try {
      connection.exec(sql);
    } catch (error) {
      throw asLibsqlError(error);
    } finally {
      // As @libsql/client: a transaction `sql` left open is not kept.
      rollBackIfOpen(connection);
    }
  }

  async sync(): Promise<undefined> {
    throw new LibsqlError('An embedded database without a sync URL has nothing to sync', 'SYNC_NOT_SUPPORTED');
  }

  close(): void {
    this.closed = true;
    this.#transaction = null;
    this.#cache.clear();
    this.#cachedBytes = 0;
    this.#seenLong = [];
    if (this.#connection.open) this.#connection.close();
  }

  reconnect(): void {
    this.close();
    this.#connection = new Database(this.path);
    this.closed = false;
  }

  /** Short texts always; a long one on its second use within the last MAX_SEEN_LONG long texts. */
  #worthKeeping(sql: string): boolean {
    if (NOT_KEPT.test(sql) || sql.length > MAX_CACHED_LONG_SQL) return false;
    if (sql.length <= MAX_CACHED_SQL) return true;
    const seen = this.#seenLong.indexOf(sql);
    if (seen !== -1) {
      this.#seenLong.splice(seen, 1);
      return true;
    }
    this.#seenLong.push(sql);
    if (this.#seenLong.length > MAX_SEEN_LONG) this.#seenLong.shift();
    return false;
  }

  kept(): { count: number; bytes: number; longest: number } {
    let longest = 0;
    for (const sql of this.#cache.keys()) longest = Math.max(longest, sql.length);
    return { count: this.#cache.size, bytes: this.#cachedBytes, longest };
  }

  /** The connection, unless the client is closed or an open transaction holds it. */
  #available(): Connection {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    if (this.#transaction !== null) {
      throw new LibsqlError(
        'This client has a single connection, which an open transaction is holding. Commit or roll back the transaction before using the client again.',
        'TRANSACTION_ACTIVE',
      );
    }
    return this.#connection;
  }

  #run(connection: Connection, stmt: InStatement): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const args = typeof stmt === 'string' || stmt.args === undefined ? [] : toSqlArgs(stmt.args);
    try {
      const { statement, reader } = this.#compiled(connection, sql);
      if (reader) {
        const values = statement.all(args) as unknown[][];
        // After running: a statement SQLite recompiled for a changed schema has its new columns only then.
        const columns = statement.columns();
        const names = columns.map((column) => column.name);
        const rows = values.map((row) => rowOf(row, names));
        return resultSet(names, columns.map((column) => column.type ?? ''), rows, 0, undefined);
      }
      const info = statement.run(args);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw asLibsqlError(error);
    }
  }

  #compiled(connection: Connection, sql: string): Cached {
    const hit = this.#cache.get(sql);
    if (hit !== undefined) {
      // Most recently used last: the first entry is the one to drop.
      this.#cache.delete(sql);
      this.#cache.set(sql, hit);
      return hit;
    }
    const statement = connection.prepare(sql);
    statement.safeIntegers(true);
    const reader = statement.reader;
    if (reader) statement.raw(true);
    const compiled = { statement, reader };
    if (this.#worthKeeping(sql)) {
      while (this.#cache.size >= MAX_CACHED || (this.#cache.size > 0 && this.#cachedBytes + sql.length > MAX_CACHED_BYTES)) {
        const oldest = this.#cache.keys().next().value!;
        this.#cache.delete(oldest);
        this.#cachedBytes -= oldest.length;
      }
      this.#cache.set(sql, compiled);
      this.#cachedBytes += sql.length;
    }
    return compiled;
  }
}

class EmbeddedTransaction implements Transaction {
  #connection: Connection | null;

  constructor(
    connection: Connection,
    private readonly run: (stmt: InStatement) => ResultSet,
    private readonly release: () => void,
  ) {
    this.#connection = connection;
  }

  get closed(): boolean {
    const connection = this.#connection;
    return connection === null || !connection.open || !connection.inTransaction;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#checkOpen();
    return this.run(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    return runInOrder(stmts, (stmt) => {
      this.#checkOpen();
      return this.run(stmt);
    }, () => true);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    try {
      this.#connection!.exec(sql);
    } catch (error) {
      throw asLibsqlError(error);
    }
  }

  async commit(): Promise<void> {
    this.#checkOpen();
    try {
      this.run('COMMIT');
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (!this.closed) this.run('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  close(): void {
    try {
      if (!this.closed) this.run('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
  }

  #settle(): void {
    if (this.#connection === null) return;
    rollBackIfOpen(this.#connection);
    this.#connection = null;
    this.release();
  }
}

/** Runs each statement in turn; the first failure becomes a LibsqlBatchError naming its index, as @libsql/client reports it. */
function runInOrder<S>(stmts: S[], run: (stmt: S) => ResultSet, stillInTransaction: () => boolean): ResultSet[] {
  const results: ResultSet[] = [];
  for (let i = 0; i < stmts.length; i++) {
    if (!stillInTransaction()) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
    try {
      results.push(run(stmts[i]!));
    } catch (error) {
      if (error instanceof LibsqlBatchError || !(error instanceof LibsqlError)) throw error;
      throw new LibsqlBatchError(error.message, i, error.code, error.extendedCode, error.rawCode, error.cause instanceof Error ? error.cause : undefined);
    }
  }
  return results;
}

function beginFor(mode: TransactionMode): string {
  switch (mode) {
    case 'write':
      return 'BEGIN IMMEDIATE';
    case 'read':
      return 'BEGIN TRANSACTION READONLY';
    case 'deferred':
      return 'BEGIN DEFERRED';
  }
}

function rollBackIfOpen(connection: Connection): void {
  if (connection.open && connection.inTransaction) {
    try {
      connection.exec('ROLLBACK');
    } catch {
      // Nothing left to undo: SQLite already ended it.
    }
  }
}
