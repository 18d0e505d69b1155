import { createClient, type Client, type LibsqlError } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedClient, keptStatements } from './embedded-client';
import { embeddedDatabasePath } from './open-database';

let dir: string;
let clients: Client[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iconnect-embedded-'));
});
afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
  rmSync(dir, { recursive: true, force: true });
});

/** Ours and @libsql/client's on two files with the same schema, to compare answers. */
async function both(): Promise<[Client, Client]> {
  const ours = createEmbeddedClient(join(dir, 'ours.db'));
  const theirs = createClient({ url: `file:${join(dir, 'theirs.db')}`, concurrency: 1 });
  clients.push(ours, theirs);
  for (const client of [ours, theirs]) {
    await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB, n INTEGER)');
  }
  return [ours, theirs];
}

/** What a caller can see of a result: drizzle reads rows by index and by name, `rowsAffected`, `lastInsertRowid`. */
function visible(result: Awaited<ReturnType<Client['execute']>>) {
  return {
    columns: result.columns,
    rows: result.rows.map((row) => ({ byIndex: Array.prototype.slice.call(row), keys: Object.keys(row), json: JSON.stringify(row) })),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as LibsqlError & { statementIndex?: number };
    return { type: e.constructor.name, code: e.code, extendedCode: e.extendedCode, statementIndex: e.statementIndex };
  }
  return null;
}

describe('the embedded client answers as @libsql/client does', () => {
  it('gives the same rows, counts and ids for the same statements, run again and again', async () => {
    const [ours, theirs] = await both();
    const script = [
      { sql: 'INSERT INTO t (name, data, n) VALUES (?, ?, ?)', args: ['a', new Uint8Array([1, 2, 3]), 7] },
      { sql: 'INSERT INTO t (name, n) VALUES (:name, :n)', args: { name: 'b', n: true } },
      { sql: 'UPDATE t SET n = n + 1 WHERE id = ? RETURNING id, n', args: [1] },
      { sql: 'UPDATE t SET n = n + 1 WHERE id = ? RETURNING id, n', args: [1] },
      { sql: 'SELECT id, name, n, name AS id2, n AS name FROM t ORDER BY id', args: [] },
      { sql: 'SELECT count(*) AS c, max(id) FROM t WHERE n > ?', args: [new Date(0)] },
      // Column names that are numbers, repeated, or special to JavaScript objects.
      { sql: 'SELECT 1, 2, 1, id AS length, name AS __proto__, n AS constructor FROM t ORDER BY id', args: [] },
      { sql: 'UPDATE t SET n = 0 WHERE id = -1', args: [] },
    ];
    for (const stmt of [...script, ...script.slice(2)]) {
      expect(visible(await ours.execute(stmt))).toEqual(visible(await theirs.execute(stmt)));
    }
    const blobOf = async (client: Client) => new Uint8Array((await client.execute('SELECT data FROM t WHERE id = 1')).rows[0]![0] as ArrayBuffer);
    expect(await blobOf(ours)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('reports SQLite errors with the same codes, and a failed batch leaves nothing behind', async () => {
    const [ours, theirs] = await both();
    for (const client of [ours, theirs]) await client.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['taken'] });
    const duplicate = { sql: 'INSERT INTO t (name) VALUES (?)', args: ['taken'] };
    expect(await errorOf(ours.execute(duplicate))).toEqual(await errorOf(theirs.execute(duplicate)));
    expect(await errorOf(ours.execute(duplicate))).toMatchObject({ type: 'LibsqlError', code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });

    const batch = [{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['new'] }, duplicate];
    expect(await errorOf(ours.batch(batch))).toEqual(await errorOf(theirs.batch(batch)));
    expect(await errorOf(ours.batch(batch))).toMatchObject({ type: 'LibsqlBatchError', statementIndex: 1 });
    for (const client of [ours, theirs]) {
      expect((await client.execute("SELECT count(*) FROM t WHERE name = 'new'")).rows[0]![0]).toBe(0);
      // The connection is usable again: the same statements commit.
      await client.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['new'] }]);
      expect((await client.execute("SELECT count(*) FROM t WHERE name = 'new'")).rows[0]![0]).toBe(1);
    }
    expect(await errorOf(ours.execute('SELEC nonsense'))).toEqual(await errorOf(theirs.execute('SELEC nonsense')));
    expect(await errorOf(ours.execute({ sql: 'SELECT ?', args: [Number.NaN] }))).toEqual(await errorOf(theirs.execute({ sql: 'SELECT ?', args: [Number.NaN] })));
  });

  it('refuses an integer a number cannot hold exactly, as @libsql/client does', async () => {
    const [ours, theirs] = await both();
    const big = 'SELECT 9007199254740993';
    await expect(ours.execute(big)).rejects.toThrow(RangeError);
    await expect(theirs.execute(big)).rejects.toThrow(RangeError);
  });
});

describe('kept statements', () => {
  it('see a column added after they were first run', async () => {
    const [ours] = await both();
    await ours.execute("INSERT INTO t (name) VALUES ('a')");
    expect((await ours.execute('SELECT * FROM t')).columns).toEqual(['id', 'name', 'data', 'n']);
    await ours.execute('ALTER TABLE t ADD COLUMN extra TEXT');
    expect((await ours.execute('SELECT * FROM t')).columns).toEqual(['id', 'name', 'data', 'n', 'extra']);
  });

  it('never hold a transaction open: claims that return rows, pragmas and batches in any order keep committing', async () => {
    const [ours] = await both();
    for (let i = 0; i < 150; i++) await ours.execute({ sql: 'INSERT INTO t (name, n) VALUES (?, 0)', args: [`r${i}`] });
    for (let round = 0; round < 3; round++) {
      // A claim-like write that returns rows (more than libsql fetches at once), then a batch that must commit.
      expect((await ours.execute('UPDATE t SET n = n + 1 WHERE id <= 120 RETURNING id')).rows).toHaveLength(120);
      await ours.execute('PRAGMA table_info(t)');
      await ours.batch([{ sql: 'UPDATE t SET n = n + 1 WHERE id = ?', args: [1] }, "INSERT INTO t (name) VALUES ('round' || " + round + ')']);
    }
    expect((await ours.execute('SELECT n FROM t WHERE id = 1')).rows[0]![0]).toBe(6);
    expect((await ours.execute("SELECT count(*) FROM t WHERE name LIKE 'round%'")).rows[0]![0]).toBe(3);
  });

  it('keep no long one-off text, a long text that comes back, and a bounded total', async () => {
    const [ours] = await both();
    // As the tracking writer's INSERT: values inlined in the text, so every flush is a new ~15 KB text.
    const inlined = (from: number, rows: number, width: number) =>
      `INSERT INTO t (name, n) VALUES ${Array.from({ length: rows }, (_, i) => `('${'x'.repeat(width)}${from + i}', ${from + i})`).join(', ')}`;
    for (let flush = 0; flush < 40; flush++) await ours.execute(inlined(flush * 100, 100, 140));
    expect(keptStatements(ours)!.longest).toBeLessThanOrEqual(4 * 1024);
    // As the import's full INSERT: one long text with bound values, batch after batch: kept.
    const repeated = `INSERT INTO t (name, n) VALUES ${Array.from({ length: 600 }, () => '(?, ?)').join(', ')}`;
    for (let batch = 0; batch < 3; batch++) {
      await ours.execute({ sql: repeated, args: Array.from({ length: 600 }, (_, i) => [`b${batch}-${i}`, i]).flat() });
    }
    expect(repeated.length).toBeGreaterThan(4 * 1024);
    expect(keptStatements(ours)!.longest).toBe(repeated.length);
    // Many distinct texts each under the per-text bound: the total stays bounded.
    for (let i = 0; i < 600; i++) await ours.execute(`SELECT ${i} AS n, '${'y'.repeat(3_000)}' AS pad`);
    expect((await ours.execute('SELECT count(*) FROM t')).rows[0]![0]).toBe(5_800);
    const kept = keptStatements(ours)!;
    expect(kept.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(kept.count).toBeGreaterThan(0);
  });

  it('hold the connection for an open transaction and refuse other calls until it ends', async () => {
    const [ours] = await both();
    const tx = await ours.transaction('write');
    await tx.execute("INSERT INTO t (name) VALUES ('in-tx')");
    expect(await errorOf(ours.execute('SELECT 1'))).toMatchObject({ code: 'TRANSACTION_ACTIVE' });
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await ours.execute("SELECT count(*) FROM t WHERE name = 'in-tx'")).rows[0]![0]).toBe(0);
    const committed = await ours.transaction();
    await committed.batch([{ sql: "INSERT INTO t (name) VALUES ('kept')" }]);
    await committed.commit();
    expect((await ours.execute("SELECT count(*) FROM t WHERE name = 'kept'")).rows[0]![0]).toBe(1);
  });
});

describe('which URLs the embedded client opens', () => {
  it('takes plain file URLs and :memory:, and leaves anything else to @libsql/client', () => {
    expect(embeddedDatabasePath('file:./data/iconnect.db')).toBe('./data/iconnect.db');
    expect(embeddedDatabasePath('file:/srv/iconnect.db')).toBe('/srv/iconnect.db');
    expect(embeddedDatabasePath('file:///srv/iconnect.db')).toBe('/srv/iconnect.db');
    expect(embeddedDatabasePath(':memory:')).toBe(':memory:');
    for (const other of ['libsql://iconnect-me.turso.io', 'http://127.0.0.1:8080', 'file://host/x.db', 'file:x.db?mode=ro', 'file:a%20b.db', 'file::memory:', 'file:']) {
      expect(embeddedDatabasePath(other)).toBeNull();
    }
  });
});
