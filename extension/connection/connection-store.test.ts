import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IConnectDb } from '../db/iconnect-db';
import { createConnectionStore, type ConnectionStore } from './connection-store';

const SAVED = { serverUrl: 'https://iconnect.example.com', token: 'ick_secret_value', userId: 'usr_1', email: 'ada@example.com', connectedAt: '2026-01-01T00:00:00.000Z' };

let db: IConnectDb;
let store: ConnectionStore;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  store = createConnectionStore(db);
});

afterEach(async () => {
  await db.delete();
});

describe('the last server address (issue 14)', () => {
  it('is unknown on a fresh install', async () => {
    expect(await store.lastServerUrl()).toBeUndefined();
  });

  it('outlives a sign-out, while the token does not', async () => {
    await store.save(SAVED);
    await store.clear();

    expect(await store.get()).toBeUndefined();
    expect(await store.lastServerUrl()).toBe('https://iconnect.example.com');
    expect(JSON.stringify(await db.lastServer.toArray())).not.toContain('ick_');
  });

  it('follows the server of the latest connection', async () => {
    await store.save(SAVED);
    await store.save({ ...SAVED, serverUrl: 'http://localhost:8787' });
    expect(await store.lastServerUrl()).toBe('http://localhost:8787');
  });
});
