import { ok } from '../messages/result';
import type { Routes } from '../router/message-router';
import type { ConnectionHealthTracker } from './connection-health';

type HealthRoutes = Pick<Routes, 'connection/health' | 'connection/check'>;

/**
 * `connection/health` (what the last request said) and `connection/check` (ask now). `check` is a
 * request through the API client (`GET /api/me` with the stored token: one request tells online,
 * unreachable and revoked apart), which reports its outcome to the tracker like any other request's.
 */
export function healthMessageRoutes({ check, health }: { check(): Promise<unknown>; health: Pick<ConnectionHealthTracker, 'get'> }): HealthRoutes {
  return {
    'connection/health': {
      access: 'extension-pages',
      handle: async () => ok(await health.get()),
    },
    'connection/check': {
      access: 'extension-pages',
      handle: async () => {
        await check();
        return ok(await health.get());
      },
    },
  };
}
