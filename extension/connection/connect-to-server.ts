import { API_TOKEN_PREFIX } from '../../shared/schemas/tokens';
import type { ConnectionState } from '../messages/connection';
import { err, ok, type Result } from '../messages/result';
import type { ConnectionHealthTracker } from './connection-health';
import type { ConnectionStore } from './connection-store';
import { fetchMe } from './fetch-me';
import { normaliseServerUrl } from './server-url';

export interface ConnectOptions {
  fetch: typeof fetch;
  store: ConnectionStore;
  now(): Date;
  timeoutMs: number;
  /** Told when a connection is saved (and, by sign-out, when it is forgotten). */
  health?: Pick<ConnectionHealthTracker, 'connected' | 'signedOut'>;
}

/** Printable ASCII with no spaces: what can travel in an Authorization header. */
const TOKEN_PATTERN = new RegExp(`^${API_TOKEN_PREFIX}[\\x21-\\x7e]+$`);

/**
 * Checks the token against the server and, only if the server vouches for it,
 * saves the connection. On any failure nothing is written, so a typo never
 * replaces a working connection.
 */
export async function connectToServer(
  input: { serverUrl: string; token: string },
  options: ConnectOptions,
): Promise<Result<ConnectionState>> {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  if (!serverUrl.ok) return serverUrl;

  const token = input.token.trim();
  if (token === '') return err('invalid-token', 'Paste an API token from your server.');
  if (!TOKEN_PATTERN.test(token)) {
    return err('invalid-token', `That is not an iConnect API token: they start with "${API_TOKEN_PREFIX}".`);
  }

  const me = await fetchMe(serverUrl.value, token, options);
  if (!me.ok) return me;

  const { id: userId, email } = me.value.user;
  await options.store.save({
    serverUrl: serverUrl.value,
    token,
    userId,
    email,
    connectedAt: options.now().toISOString(),
  });
  // The server just vouched for this token: whatever was said about the previous one is over.
  await options.health?.connected(serverUrl.value);
  return ok({ connected: true, serverUrl: serverUrl.value, email });
}
