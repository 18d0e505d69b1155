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
  it('opens at the current schema version with the connection, cache and sync tables', async () => {
    await db.open();
    expect(db.verno).toBe(5);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['accounts', 'campaigns', 'conflicts', 'connection', 'lastServer', 'pendingEdits', 'recipients', 'stats', 'syncState']);
  });

  it('upgrades a version 2 cache, keeping cached campaigns, and allows one pending edit per campaign', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ connection: 'id' });
    v2.version(2).stores({ campaigns: 'id, updatedAt', accounts: 'id', stats: 'campaignId' });
    await v2.table('campaigns').put({ id: 'cmp_1', updatedAt: '2026-01-01', campaign: { id: 'cmp_1' }, fetchedAt: '' });
    v2.close();

    const upgraded = new IConnectDb(name);
    expect((await upgraded.campaigns.get('cmp_1'))?.id).toBe('cmp_1');
    const edit = { campaignId: 'cmp_1', baseVersion: 1, edit: { subject: 'A' }, before: { subject: '' }, queuedAt: '', attempts: 0, retryAt: '', lastError: null };
    await upgraded.pendingEdits.add(edit);
    await expect(upgraded.pendingEdits.add({ ...edit, edit: { subject: 'B' } })).rejects.toThrow();
    await upgraded.delete();
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
