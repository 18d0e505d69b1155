import { accountListSchema, gmailAccountSchema } from '../../shared/schemas/accounts';
import type { ApiClient } from '../api/api-client';
import type { Routes } from '../router/message-router';
import type { CacheStore } from '../db/cache-store';
import { err, ok } from '../messages/result';

type AccountRoutes = Pick<Routes, 'accounts/list' | 'accounts/connect-gmail' | 'accounts/get' | 'accounts/set-warmup'>;

export interface AccountRouteDeps {
  api: ApiClient;
  cache: CacheStore;
  /** Opens a URL in a new tab (`browser.tabs.create`); no "tabs" permission is needed for that. */
  openTab(url: string): Promise<void>;
}

/** `accounts/*`: the user's connected Gmail accounts. */
export function accountMessageRoutes({ api, cache, openTab }: AccountRouteDeps): AccountRoutes {
  return {
    'accounts/list': {
      access: 'extension-pages',
      async handle({ source }) {
        if (source === 'cache') return ok(await cache.accounts());
        const list = await api.json({ method: 'GET', path: '/api/accounts' }, accountListSchema);
        return list.ok ? ok(await cache.replaceAccounts(list.value.accounts)) : list;
      },
    },
    'accounts/get': {
      access: 'extension-pages',
      handle: ({ id }) => api.json({ method: 'GET', path: `/api/accounts/${encodeURIComponent(id)}` }, gmailAccountSchema),
    },
    'accounts/set-warmup': {
      access: 'extension-pages',
      // The server checks the target against the account's Google limit; its problem names the field.
      handle: ({ id, warmup }) => api.json({ method: 'PATCH', path: `/api/accounts/${encodeURIComponent(id)}`, json: { warmup } }, gmailAccountSchema),
    },
    'accounts/connect-gmail': {
      access: 'extension-pages',
      async handle() {
        const serverUrl = await api.serverUrl();
        if (!serverUrl) return err('not-connected', 'Connect to your iConnect server first.');
        // Google's consent screen needs a full tab, and the dashboard session cookie (not our token).
        const url = `${serverUrl}/accounts`;
        await openTab(url);
        return ok({ url });
      },
    },
  };
}
