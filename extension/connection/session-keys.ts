import type { ConnectionHealth } from '../messages/connection';

/**
 * The `storage.session` keys and values the side panel reads, without zod (the panel's JavaScript
 * budget, issue 14). The background writes them with the schemas in messages/connection.ts and
 * link-store.ts; the panel only needs the keys, the starting value and a small check.
 */

/** The connection's health (connection-health.ts): the panel redraws its dot on each change. */
export const HEALTH_STORAGE_KEY = 'connectionHealth';

/** The "Link with my iConnect account" attempt (link-store.ts): any change is the panel's cue to ask again. */
export const LINK_STORAGE_KEY = 'extensionLink';

export const UNKNOWN_HEALTH: ConnectionHealth = { state: 'unknown', serverUrl: null, since: null };

const HEALTH_STATES: ReadonlySet<string> = new Set<ConnectionHealth['state']>(['unknown', 'online', 'unreachable', 'server-error', 'revoked']);
const stringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * The health as stored, or UNKNOWN_HEALTH for anything else (removed, or from an older build).
 * A hand check rather than `connectionHealthSchema`: only our background writes this key, in
 * session storage that content scripts cannot reach, so the check is about shape, not trust.
 */
export function readStoredHealth(value: unknown): ConnectionHealth {
  if (typeof value !== 'object' || value === null) return UNKNOWN_HEALTH;
  const { state, serverUrl, since } = value as Record<string, unknown>;
  if (typeof state !== 'string' || !HEALTH_STATES.has(state) || !stringOrNull(serverUrl) || !stringOrNull(since)) return UNKNOWN_HEALTH;
  return { state: state as ConnectionHealth['state'], serverUrl, since };
}
