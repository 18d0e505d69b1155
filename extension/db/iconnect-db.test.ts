import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IConnectDb } from './iconnect-db';

let db: IConnectDb;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('IConnectDb', () => {
  it('opens at the current schema version with a connection table', async () => {
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((table) => table.name)).toEqual(['connection']);
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
