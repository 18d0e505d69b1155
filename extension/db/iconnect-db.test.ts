import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IConnectDb } from './iconnect-db';

let db: IConnectDb;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('IConnectDb', () => {
  it('opens at the current schema version with the connection and cache tables', async () => {
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['accounts', 'campaigns', 'connection', 'stats']);
  });

  it('upgrades a version 1 database without losing the connection', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ connection: 'id' });
    await v1.table('connection').put({ id: 'current', serverUrl: 'http://x', token: 'ick_a', userId: 'u', email: 'a@b.co', connectedAt: '' });
    v1.close();

    const upgraded = new IConnectDb(name);
    expect((await upgraded.connection.get('current'))?.token).toBe('ick_a');
    expect(await upgraded.campaigns.count()).toBe(0);
    await upgraded.delete();
  });

  it('keeps a single connection row that a new save replaces', async () => {
    const row = {
      id: 'current' as const,
      serverUrl: 'http://localhost:8787',
      token: 'ick_a',
      userId: 'usr_1',
      email: 'a@example.com',
      connectedAt: '2026-01-01T00:00:00.000Z',
    };
    await db.connection.put(row);
    await db.connection.put({ ...row, token: 'ick_b' });

    expect(await db.connection.count()).toBe(1);
    expect((await db.connection.get('current'))?.token).toBe('ick_b');
  });

  it('survives closing and reopening, as across service-worker restarts', async () => {
    await db.connection.put({
      id: 'current',
      serverUrl: 'http://localhost:8787',
      token: 'ick_a',
      userId: 'usr_1',
      email: 'a@example.com',
      connectedAt: '2026-01-01T00:00:00.000Z',
    });
    db.close();

    const reopened = new IConnectDb(db.name);
    expect((await reopened.connection.get('current'))?.email).toBe('a@example.com');
    reopened.close();
  });
});
