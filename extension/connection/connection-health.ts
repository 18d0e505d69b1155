import type { ConnectionHealth } from '../messages/connection';
import { connectionHealthSchema } from '../messages/connection';
import { HEALTH_STORAGE_KEY, UNKNOWN_HEALTH } from './session-keys';

/**
 * Where the health is kept: `storage.session` (in memory, kept while the service worker sleeps, out
 * of reach of content scripts). The panel listens for changes of this key to redraw its dot and to
 * fetch again when the server answers again. The key lives in session-keys.ts, which the panel imports without zod.
 */
export { HEALTH_STORAGE_KEY, UNKNOWN_HEALTH } from './session-keys';

/** How one request to the server ended, as far as the connection is concerned. */
export type RequestOutcome = 'answered' | 'unreachable' | 'server-error' | 'revoked';

export type HealthEvent = { kind: 'request'; serverUrl: string; outcome: RequestOutcome } | { kind: 'connected'; serverUrl: string } | { kind: 'signed-out' };

/**
 * The state after `event`: the last request decides (issue 14: green only when the last request
 * succeeded), except that a refused token stays refused until a new one is saved or the user signs
 * out: a later request that happens to need no token proves nothing about it.
 *
 * @example
 * nextHealth(UNKNOWN_HEALTH, { kind: 'request', serverUrl: 'https://a.example', outcome: 'unreachable' }, at)
 * // { state: 'unreachable', serverUrl: 'https://a.example', since: at }
 */
export function nextHealth(current: ConnectionHealth, event: HealthEvent, at: string): ConnectionHealth {
  const state = (serverUrl: string | null, next: ConnectionHealth['state']): ConnectionHealth =>
    // `since` says when this state began: unchanged while the same state repeats.
    current.state === next && current.serverUrl === serverUrl ? current : { state: next, serverUrl, since: at };

  switch (event.kind) {
    case 'signed-out':
      return UNKNOWN_HEALTH;
    case 'connected':
      return state(event.serverUrl, 'online');
    case 'request': {
      const sameServer = current.serverUrl === event.serverUrl;
      if (current.state === 'revoked' && sameServer && event.outcome !== 'revoked') return current;
      const next = { answered: 'online', unreachable: 'unreachable', 'server-error': 'server-error', revoked: 'revoked' } as const;
      return state(event.serverUrl, next[event.outcome]);
    }
  }
}

/** The part of a `storage.StorageArea` used here. */
export interface HealthStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type ConnectionHealthTracker = ReturnType<typeof createConnectionHealth>;

/**
 * Keeps the health in `area`, writing only when it changes (requests are many, changes few), one
 * write after another so the stored value is the last one. `onChange` hears every change.
 */
export function createConnectionHealth(area: HealthStorageArea, options: { now(): Date; onChange?(health: ConnectionHealth, previous: ConnectionHealth): void }) {
  let current: Promise<ConnectionHealth> | null = null;

  async function read(): Promise<ConnectionHealth> {
    const stored = connectionHealthSchema.safeParse((await area.get(HEALTH_STORAGE_KEY))[HEALTH_STORAGE_KEY]);
    return stored.success ? stored.data : UNKNOWN_HEALTH;
  }

  function apply(event: HealthEvent): Promise<ConnectionHealth> {
    const previous = current ?? read();
    current = previous.then(async (before) => {
      const after = nextHealth(before, event, options.now().toISOString());
      if (after !== before) {
        await area.set({ [HEALTH_STORAGE_KEY]: after });
        options.onChange?.(after, before);
      }
      return after;
    });
    // A failed write must not stop later events from being recorded.
    current = current.catch(() => read());
    return current;
  }

  return {
    get: (): Promise<ConnectionHealth> => current ?? read(),
    /** For the API client: how a request to `serverUrl` ended. */
    report: (serverUrl: string, outcome: RequestOutcome) => apply({ kind: 'request', serverUrl, outcome }),
    connected: (serverUrl: string) => apply({ kind: 'connected', serverUrl }),
    signedOut: () => apply({ kind: 'signed-out' }),
  };
}
