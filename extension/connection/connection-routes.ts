import type { Routes } from '../router/message-router';
import type { ConnectionState } from '../messages/connection';
import { ok } from '../messages/result';
import { connectToServer, type ConnectOptions } from './connect-to-server';
import type { StoredConnection } from './connection-store';
import { signOut } from './sign-out';

type ConnectionRoutes = Pick<Routes, 'connection/get' | 'connection/connect' | 'connection/disconnect'>;

/** The `connection/*` messages. All are for our own pages only: they reveal or change the account. */
export function connectionMessageRoutes(options: ConnectOptions): ConnectionRoutes {
  const { store } = options;
  return {
    'connection/get': {
      access: 'extension-pages',
      handle: async () => ok(toState(await store.get(), await store.lastServerUrl())),
    },
    'connection/connect': {
      access: 'extension-pages',
      handle: (message) => connectToServer(message, options),
    },
    'connection/disconnect': {
      access: 'extension-pages',
      // Revokes the token on the server, then forgets it (see sign-out.ts).
      handle: async () => ok(await signOut(options)),
    },
  };
}

/** What a page may see of the connection: the token is left behind here. */
function toState(connection: StoredConnection | undefined, lastServerUrl: string | undefined): ConnectionState {
  if (!connection) return lastServerUrl === undefined ? { connected: false } : { connected: false, lastServerUrl };
  return { connected: true, serverUrl: connection.serverUrl, email: connection.email };
}
