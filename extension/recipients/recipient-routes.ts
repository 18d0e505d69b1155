import { importResultSchema, recipientPageSchema } from '../../shared/schemas/recipients';
import type { ApiClient } from '../api/api-client';
import type { Routes } from '../router/message-router';
import { isServerOutOfReach, ok } from '../messages/result';
import type { RecipientCache } from './recipient-cache';

type RecipientRoutes = Pick<Routes, 'recipients/list' | 'recipients/import' | 'recipients/add'>;

/**
 * `recipients/*`: a campaign's recipients. The full list (no status filter) is cached page by page as
 * the server gives it; when the server cannot be reached, the cached rows answer, with `cachedAt`.
 */
export function recipientMessageRoutes({ api, cache }: { api: ApiClient; cache: RecipientCache }): RecipientRoutes {
  const path = (campaignId: string, rest: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/recipients${rest}`;
  return {
    'recipients/list': {
      access: 'extension-pages',
      async handle({ campaignId, cursor, status, limit }) {
        const page = await api.json({ method: 'GET', path: path(campaignId, ''), query: { cursor, status, limit: String(limit) } }, recipientPageSchema);
        if (page.ok) {
          if (status === undefined) await cache.putPage(campaignId, page.value, cursor);
          return ok({ ...page.value, cachedAt: null });
        }
        if (status !== undefined || !isServerOutOfReach(page.error)) return page;
        const cached = await cache.page(campaignId, cursor, limit);
        return cached.recipients.length > 0 || cursor !== undefined ? ok(cached) : page;
      },
    },
    'recipients/import': {
      access: 'extension-pages',
      handle: ({ campaignId, csv, emailColumn }) =>
        api.json({ method: 'POST', path: path(campaignId, '/import'), query: { emailColumn }, csv }, importResultSchema),
    },
    'recipients/add': {
      access: 'extension-pages',
      handle: ({ campaignId, email, fields }) =>
        api.json({ method: 'POST', path: path(campaignId, ''), json: { recipients: [{ email, fields }] } }, importResultSchema),
    },
  };
}
