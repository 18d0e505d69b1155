import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSandboxDatabase } from '../gmail-sandbox/node-server';
import { openDatabase } from './open-database';
import { ensurePrivateFolder } from './private-files';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'iconnect-modes-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('data at rest is private to the owner', () => {
  it('creates the data folder 0700 and the database with its WAL and shm files 0600', async () => {
    const dataDir = join(root, 'data', 'nested');
    expect(ensurePrivateFolder(dataDir).openToOthers).toBe(false);
    const file = join(dataDir, 'iconnect.db');
    const { client } = await openDatabase({ url: `file:${file}` });
    // The migrations wrote through the WAL, so both side files exist now.
    await client.execute("CREATE TABLE IF NOT EXISTS probe (x)");
    await client.execute("INSERT INTO probe VALUES ('x')");
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(root, 'data'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    client.close();
  });

  it('tightens a database file an older version left readable by others', async () => {
    const file = join(root, 'old.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const { client } = await openDatabase({ url: `file:${file}` });
    expect(modeOf(file)).toBe(0o600);
    client.close();
  });

  it('keeps the Gmail sandbox database (every mailbox) 0600 too', async () => {
    const file = join(root, 'sandbox', 'gmail-sandbox.db');
    const db = await openSandboxDatabase(`file:${file}`);
    await db.execute('CREATE TABLE t (x)');
    await db.execute("INSERT INTO t VALUES ('x')");
    expect(modeOf(join(root, 'sandbox'))).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path)).toBe(0o600);
    db.close();
  });

  it('says when an existing data folder is open to other users, without changing it', () => {
    const shared = join(root, 'shared');
    ensurePrivateFolder(shared);
    chmodSync(shared, 0o755);
    expect(ensurePrivateFolder(shared).openToOthers).toBe(true);
    expect(modeOf(shared)).toBe(0o755);
  });
});
