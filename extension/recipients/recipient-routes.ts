import { importResultSchema, recipientPageSchema } from '../../shared/schemas/recipients';
import type { ApiClient } from '../api/api-client';
import type { Routes } from '../background/message-router';

type RecipientRoutes = Pick<Routes, 'recipients/list' | 'recipients/import' | 'recipients/add'>;

/** `recipients/*`: a campaign's recipients. Not cached: lists can be long and change while sending. */
export function recipientRoutes({ api }: { api: ApiClient }): RecipientRoutes {
  const path = (campaignId: string, rest: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/recipients${rest}`;
  return {
    'recipients/list': {
      access: 'extension-pages',
      handle: ({ campaignId, cursor, status, limit }) =>
        api.json({ method: 'GET', path: path(campaignId, ''), query: { cursor, status, limit: String(limit) } }, recipientPageSchema),
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
