import { importResultSchema, recipientPageSchema } from '../../shared/schemas/recipients';
import { skipHygieneResultSchema } from '../../shared/schemas/launch';
import type { ApiClient } from '../api/api-client';
import type { Routes } from '../router/message-router';
import { isServerOutOfReach, ok } from '../messages/result';
import type { RecipientCache } from './recipient-cache';

type RecipientRoutes = Pick<Routes, 'recipients/list' | 'recipients/import' | 'recipients/add' | 'recipients/export-csv' | 'recipients/skip-hygiene'>;

/**
 * `recipients/*`: a campaign's recipients. The full list (no state filter, no search) is cached page by
 * page as the server gives it; when the server cannot be reached, the cached rows answer, with `cachedAt`.
 * A filtered or searched list is the server's alone: the cache would answer it wrongly.
 */
export function recipientMessageRoutes({ api, cache }: { api: ApiClient; cache: RecipientCache }): RecipientRoutes {
  const path = (campaignId: string, rest: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/recipients${rest}`;
  return {
    'recipients/list': {
      access: 'extension-pages',
      async handle({ campaignId, cursor, offset, status, q, limit }) {
        const search = q || undefined;
        const whole = status === undefined && search === undefined;
        const query = { cursor, offset: offset === undefined ? undefined : String(offset), status, q: search, limit: String(limit) };
        const page = await api.json({ method: 'GET', path: path(campaignId, ''), query }, recipientPageSchema);
        if (page.ok) {
          if (whole) await cache.putPage(campaignId, page.value, { cursor, offset });
          return ok({ ...page.value, cachedAt: null });
        }
        if (!whole || !isServerOutOfReach(page.error)) return page;
        const cached = await cache.page(campaignId, { cursor, offset }, limit);
        return cached.recipients.length > 0 || cursor !== undefined ? ok(cached) : page;
      },
    },
    'recipients/import': {
      access: 'extension-pages',
      handle: ({ campaignId, csv, emailColumn }) =>
        api.json({ method: 'POST', path: path(campaignId, '/import'), query: { emailColumn }, csv }, importResultSchema),
    },
    'recipients/export-csv': {
      access: 'extension-pages',
      async handle({ campaignId }) {
        const file = await api.text({ method: 'GET', path: path(campaignId, '.csv') });
        if (!file.ok) return file;
        return ok({ filename: file.value.filename ?? 'recipients.csv', csv: file.value.text });
      },
    },
    'recipients/add': {
      access: 'extension-pages',
      handle: ({ campaignId, email, fields }) =>
        api.json({ method: 'POST', path: path(campaignId, ''), json: { recipients: [{ email, fields }] } }, importResultSchema),
    },
    'recipients/skip-hygiene': {
      access: 'extension-pages',
      handle: ({ campaignId, kinds }) => api.json({ method: 'POST', path: path(campaignId, '/skip-hygiene'), json: { kinds } }, skipHygieneResultSchema),
    },
  };
}
