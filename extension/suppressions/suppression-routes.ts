import { suppressionListSchema, suppressionSchema } from '../../shared/schemas/suppressions';
import type { ApiClient } from '../api/api-client';
import { ok } from '../messages/result';
import type { Routes } from '../router/message-router';

type SuppressionRoutes = Pick<Routes, 'suppressions/list' | 'suppressions/add' | 'suppressions/remove'>;

/**
 * `suppressions/*`: the user's suppression list, straight from the server (not cached: whether an
 * address may be sent to is the server's to say, and a stale list could show a removed address).
 */
export function suppressionMessageRoutes({ api }: { api: ApiClient }): SuppressionRoutes {
  return {
    'suppressions/list': {
      access: 'extension-pages',
      handle: ({ q }) => api.json({ method: 'GET', path: '/api/suppressions', query: { q: q || undefined } }, suppressionListSchema),
    },
    'suppressions/add': {
      access: 'extension-pages',
      handle: ({ email }) => api.json({ method: 'POST', path: '/api/suppressions', json: { email, reason: 'manual' } }, suppressionSchema),
    },
    'suppressions/remove': {
      access: 'extension-pages',
      async handle({ email }) {
        const removed = await api.empty({ method: 'DELETE', path: `/api/suppressions/${encodeURIComponent(email)}` });
        return removed.ok ? ok({ email }) : removed;
      },
    },
  };
}
