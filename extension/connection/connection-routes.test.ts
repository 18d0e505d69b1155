import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IConnectDb } from '../db/iconnect-db';
import { connectionMessageRoutes } from './connection-routes';
import { createConnectionStore, type ConnectionStore } from './connection-store';

const SAVED = {
  serverUrl: 'http://localhost:8787',
  token: 'ick_secret_value',
  userId: 'usr_1',
  email: 'ada@example.com',
  connectedAt: '2026-01-01T00:00:00.000Z',
};

let db: IConnectDb;
let store: ConnectionStore;
let routes: ReturnType<typeof connectionMessageRoutes>;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  store = createConnectionStore(db);
  routes = connectionMessageRoutes({
    fetch: () => Promise.reject(new Error('no network in this test')),
    store,
    now: () => new Date(),
    timeoutMs: 1000,
  });
});

afterEach(async () => {
  await db.delete();
});

describe('connectionMessageRoutes', () => {
  it('reports no connection on a fresh install', async () => {
    await expect(routes['connection/get'].handle({ type: 'connection/get' })).resolves.toEqual({
      ok: true,
      value: { connected: false },
    });
  });

  it('tells the panel the server and email, never the token', async () => {
    await store.save(SAVED);

    const answer = await routes['connection/get'].handle({ type: 'connection/get' });

    expect(answer).toEqual({ ok: true, value: { connected: true, serverUrl: SAVED.serverUrl, email: SAVED.email } });
    expect(JSON.stringify(answer)).not.toContain(SAVED.token);
  });

  it('forgets the token on disconnect', async () => {
    await store.save(SAVED);

    await routes['connection/disconnect'].handle({ type: 'connection/disconnect' });

    expect(await store.get()).toBeUndefined();
  });

  it('keeps every connection message to our own pages', () => {
    expect(Object.values(routes).map((route) => route.access)).toEqual(['extension-pages', 'extension-pages', 'extension-pages']);
  });
});
