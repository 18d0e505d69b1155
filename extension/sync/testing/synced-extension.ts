import { expect } from 'vitest';
import { campaignSchema, type Campaign } from '../../../shared/schemas/campaigns';
import { createdTokenSchema } from '../../../shared/schemas/tokens';
import { signedInAgent } from '../../../backend/src/testing/browser-agent';
import { createTestApp, type TestApp } from '../../../backend/src/testing/test-app';
import { createApiClient } from '../../api/api-client';
import { createCacheStore } from '../../db/cache-store';
import { IConnectDb, type CampaignEdit } from '../../db/iconnect-db';
import { createSyncEngine } from '../sync-engine';

/** A request the test holds on the wire: `reached` once it is sent; `release` lets it through, or drops it (the network failed). */
export type HeldRequest = { reached: Promise<void>; release(options?: { drop?: boolean }): void };

/**
 * Tests only: the extension's sync engine on a fresh Dexie database (fake-indexeddb: import
 * `fake-indexeddb/auto` first), talking to the real backend app through `app.request()`. Between
 * them, the network: `online` takes it away, `status` has a proxy answer instead of the server,
 * `requests` lists what went out, `holdNext` keeps one request on the wire until the test lets it
 * go. The engine's clock is fake and moves only when told.
 */
export async function syncedExtension() {
  const t: TestApp = await createTestApp();
  const { agent } = await signedInAgent(t, 'syncing@example.com');
  const { token } = createdTokenSchema.parse(await (await agent.post('/api/tokens', { name: 'Chrome' })).json());
  const db = new IConnectDb(`sync-${crypto.randomUUID()}`);
  let nowMs = Date.parse('2026-03-02T10:00:00Z');
  const now = () => new Date(nowMs);
  const network = { online: true, requests: [] as string[], status: null as number | null };
  const holds: Array<{ matches(request: string): boolean; arrive(): void; released: Promise<{ drop?: boolean }> }> = [];

  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const request = `${init?.method ?? 'GET'} ${url.pathname}${url.search}`;
    network.requests.push(request);
    if (!network.online) throw new TypeError('Failed to fetch');
    // A proxy in front of the server answering for it (502 while the app restarts, say).
    if (network.status !== null) return new Response('Bad Gateway', { status: network.status, headers: { 'content-type': 'text/plain' } });
    const hold = holds.findIndex((held) => held.matches(request));
    if (hold >= 0) {
      const [held] = holds.splice(hold, 1);
      held!.arrive();
      if ((await held!.released).drop) throw new TypeError('Failed to fetch');
    }
    return t.app.request(String(input), init);
  }) as typeof globalThis.fetch;

  const connection = { id: 'current' as const, serverUrl: t.config.publicUrl, token, userId: 'u', email: 'syncing@example.com', connectedAt: '' };
  const api = createApiClient({ fetch, store: { get: async () => connection }, timeoutMs: 5_000 });
  const cache = createCacheStore(db, now);
  const sync = createSyncEngine({ db, api, cache, now });

  const cached = async (id: string) => (await db.campaigns.get(id))?.campaign;

  return {
    t,
    agent,
    db,
    sync,
    network,
    advance(ms: number) {
      nowMs += ms;
    },
    /** The next request with this method (and, if given, whose `METHOD /path?query` line `matches`) waits on the wire until released. */
    holdNext(method: 'GET' | 'PATCH', matches: (request: string) => boolean = () => true): HeldRequest {
      let arrive!: () => void;
      let release!: (options: { drop?: boolean }) => void;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<{ drop?: boolean }>((resolve) => (release = resolve));
      holds.push({ matches: (request) => request.startsWith(`${method} `) && matches(request), arrive, released });
      return { reached, release: (options = {}) => release(options) };
    },
    /** Requests sent since the last call, e.g. `PATCH /api/campaigns/cmp_…` or `GET /api/sync?since=0`. */
    takeRequests(): string[] {
      return network.requests.splice(0);
    },
    async createOnServer(name = 'Spring'): Promise<Campaign> {
      const response = await agent.post('/api/campaigns', { name, subject: 'Server subject', html: '<p>Server body</p>' });
      expect(response.status).toBe(201);
      return campaignSchema.parse(await response.json());
    },
    async onServer(id: string): Promise<Campaign> {
      return campaignSchema.parse(await (await agent.get(`/api/campaigns/${id}`)).json());
    },
    /** Someone else (the dashboard, another browser) saves `patch` on the server's current version. */
    async editElsewhere(id: string, patch: Record<string, unknown>): Promise<Campaign> {
      const { version } = campaignSchema.parse(await (await agent.get(`/api/campaigns/${id}`)).json());
      const response = await agent.patch(`/api/campaigns/${id}`, { ...patch, version });
      expect(response.status).toBe(200);
      return campaignSchema.parse(await response.json());
    },
    cached,
    /** The user edits the campaign as the panel shows it (the cached copy, pending edit included). */
    async edit(id: string, edit: CampaignEdit): Promise<Campaign> {
      const shown = await cached(id);
      if (!shown) throw new Error(`campaign ${id} is not cached`);
      return sync.queueEdit(shown, edit, shown.version);
    },
    async close() {
      await db.delete();
      await t.close();
    },
  };
}

export type SyncedExtension = Awaited<ReturnType<typeof syncedExtension>>;
