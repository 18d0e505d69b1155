/**
 * The panel's Sign out against the real backend app (issue 12): the server revokes the extension's
 * API token before the extension forgets it, so a signed-out extension leaves no working token.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearerRequest, signedInAgent, type BrowserAgent } from '../../backend/src/testing/browser-agent';
import { createTestApp, type TestApp } from '../../backend/src/testing/test-app';
import { IConnectDb } from '../db/iconnect-db';
import { connectionMessageRoutes } from './connection-routes';
import { createConnectionStore, type ConnectionStore } from './connection-store';

let t: TestApp;
let agent: BrowserAgent;
let token: string;
let db: IConnectDb;
let store: ConnectionStore;
let routes: ReturnType<typeof connectionMessageRoutes>;
let online: boolean;

beforeEach(async () => {
  t = await createTestApp();
  ({ agent } = await signedInAgent(t, 'ada@example.com'));
  ({ token } = (await (await agent.post('/api/tokens', { name: 'Chrome' })).json()) as { token: string });
  db = new IConnectDb(`sign-out-${crypto.randomUUID()}`);
  store = createConnectionStore(db);
  online = true;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    return t.app.request(String(input), init);
  }) as typeof globalThis.fetch;
  routes = connectionMessageRoutes({ fetch, store, now: () => t.clock.now(), timeoutMs: 5_000 });
  const connected = await routes['connection/connect'].handle({ type: 'connection/connect', serverUrl: t.config.publicUrl, token });
  expect(connected).toMatchObject({ ok: true, value: { connected: true } });
});

afterEach(async () => {
  await db.delete();
  await t.close();
});

const signOut = () => routes['connection/disconnect'].handle({ type: 'connection/disconnect' });

describe('signing the extension out', () => {
  it('revokes its API token on the server, then forgets it', async () => {
    expect(await signOut()).toEqual({ ok: true, value: { connected: false, lastServerUrl: t.config.publicUrl } });

    expect(await store.get()).toBeUndefined();
    expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(401);
    expect((await (await agent.get('/api/tokens')).json()).tokens).toEqual([]);
    // The dashboard's own session is not the extension's to end.
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('keeps the server address for the connect screen, never the token (issue 14)', async () => {
    await signOut();

    const state = await routes['connection/get'].handle({ type: 'connection/get' });

    expect(state).toEqual({ ok: true, value: { connected: false, lastServerUrl: t.config.publicUrl } });
    expect(JSON.stringify(state)).not.toContain(token);
  });

  it('still signs out when the server is out of reach, and says the token could not be revoked and where to do it', async () => {
    online = false;

    const answer = await signOut();

    expect(answer).toMatchObject({
      ok: true,
      value: {
        connected: false,
        tokenNotRevoked: expect.stringMatching(/could not be reached to revoke its API token.*API tokens page: http:\/\/localhost:8787\/tokens$/),
      },
    });
    expect(await store.get()).toBeUndefined();
    // As the message says: the token still works until revoked on the dashboard.
    expect((await bearerRequest(t, token)('GET', '/api/me')).status).toBe(200);
  });
});
