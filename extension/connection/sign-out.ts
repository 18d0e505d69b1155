import type { ConnectionState } from '../messages/connection';
import type { ConnectionHealthTracker } from './connection-health';
import type { ConnectionStore } from './connection-store';
import { tokensPageUrl } from './server-url';

export interface SignOutOptions {
  fetch: typeof fetch;
  store: ConnectionStore;
  /** How long to wait for the server before forgetting the token anyway. */
  timeoutMs: number;
  /** Told that the connection is gone, so no dot says anything about it. */
  health?: Pick<ConnectionHealthTracker, 'signedOut'>;
}

/**
 * The panel's Sign out (issue 12): the server revokes this browser's API token first
 * (`POST /api/auth/logout` with it), so a signed-out extension leaves no working token behind; then
 * the token and the cache are forgotten here. Signing out always works: when the server cannot
 * revoke the token (out of reach, an error), the answer says so and where to revoke it by hand.
 */
export async function signOut(options: SignOutOptions): Promise<ConnectionState> {
  const connection = await options.store.get();
  if (!connection) return { connected: false, ...(await lastServer(options.store)) };
  const revoked = await revokeToken(connection.serverUrl, connection.token, options);
  await options.store.clear();
  await options.health?.signedOut();
  // The address stays for the connect screen (issue 14); only the token and the cache go.
  const lastServerUrl = connection.serverUrl;
  if (revoked) return { connected: false, lastServerUrl };
  return {
    connected: false,
    lastServerUrl,
    tokenNotRevoked:
      `Signed out of this browser, but ${connection.serverUrl} could not be reached to revoke its API token, ` +
      `which still works. Revoke it on your dashboard's API tokens page: ${tokensPageUrl(connection.serverUrl)}`,
  };
}

/** true when the token no longer works: revoked now (204), or already unknown to the server (401). */
async function revokeToken(serverUrl: string, token: string, options: SignOutOptions): Promise<boolean> {
  try {
    const response = await options.fetch(`${serverUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // The token is the only credential: no cookies of a dashboard session (that would sign the
      // dashboard out instead), and never a redirect with the token attached.
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return response.status === 204 || response.status === 401;
  } catch {
    return false;
  }
}

async function lastServer(store: ConnectionStore): Promise<{ lastServerUrl?: string }> {
  const lastServerUrl = await store.lastServerUrl();
  return lastServerUrl === undefined ? {} : { lastServerUrl };
}
