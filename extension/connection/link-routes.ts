import type { Routes } from '../router/message-router';
import { ok } from '../messages/result';
import type { LinkFlow } from './link-flow';

type LinkRoutes = Pick<Routes, 'connection/link-start' | 'connection/link-status' | 'connection/link-cancel'>;

/** The `connection/link-*` messages: our own pages only, like every message that changes the account. */
export function linkMessageRoutes(flow: LinkFlow): LinkRoutes {
  return {
    'connection/link-start': {
      access: 'extension-pages',
      handle: (message) => flow.start(message.serverUrl),
    },
    'connection/link-status': {
      access: 'extension-pages',
      handle: async () => ok(await flow.status()),
    },
    'connection/link-cancel': {
      access: 'extension-pages',
      handle: async () => ok(await flow.cancel()),
    },
  };
}
