import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/api-client';
import { createCacheStore } from '../db/cache-store';
import { IConnectDb } from '../db/iconnect-db';
import { accountMessageRoutes } from './account-routes';

const CONNECTION = { serverUrl: 'https://mail.example.com/iconnect', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };

let db: IConnectDb;
let openTab: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>;
let connected: boolean;
let routes: ReturnType<typeof accountMessageRoutes>;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  openTab = vi.fn(async () => undefined);
  connected = true;
  const api = createApiClient({ fetch: vi.fn(), store: { get: async () => (connected ? CONNECTION : undefined) }, timeoutMs: 1000 });
  routes = accountMessageRoutes({ api, cache: createCacheStore(db, () => new Date()), openTab });
});

afterEach(async () => {
  await db.delete();
});

describe('accountMessageRoutes', () => {
  it("opens the dashboard's accounts page of the connected server for Google's consent", async () => {
    expect(await routes['accounts/connect-gmail'].handle({ type: 'accounts/connect-gmail' })).toEqual({
      ok: true,
      value: { url: 'https://mail.example.com/iconnect/accounts' },
    });
    expect(openTab).toHaveBeenCalledWith('https://mail.example.com/iconnect/accounts');
  });

  it('opens nothing when not connected', async () => {
    connected = false;
    expect(await routes['accounts/connect-gmail'].handle({ type: 'accounts/connect-gmail' })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(openTab).not.toHaveBeenCalled();
  });

  it('keeps account messages to our own pages', () => {
    expect(Object.values(routes).map((route) => route.access)).toEqual(['extension-pages', 'extension-pages', 'extension-pages', 'extension-pages']);
  });

  it("sends a warm-up change as the account's PATCH and answers the account as the server has it", async () => {
    const warmup = { startPerDay: 20, increasePerDay: 20, targetPerDay: 500 };
    const account = {
      id: 'acc_1', email: 'a@gmail.com', type: 'consumer', status: 'ok', statusReason: null, dailyLimit: 500, minGapSeconds: 60, maxGapSeconds: 180,
      timezone: 'UTC', fromName: '', signatureHtml: '', sentLast24h: 0, scopes: [], detectsReplies: true, createdAt: '2026-03-02T00:00:00.000Z',
      warmup, warmupDay: 0, effectiveDailyLimit: 20,
    };
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(account), { status: 200, headers: { 'content-type': 'application/json' } }));
    const api = createApiClient({ fetch, store: { get: async () => CONNECTION }, timeoutMs: 1000 });
    const withServer = accountMessageRoutes({ api, cache: createCacheStore(db, () => new Date()), openTab });
    expect(await withServer['accounts/set-warmup'].handle({ type: 'accounts/set-warmup', id: 'acc_1', warmup })).toMatchObject({ ok: true, value: { effectiveDailyLimit: 20, warmupDay: 0 } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('https://mail.example.com/iconnect/api/accounts/acc_1');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ warmup });
  });
});
