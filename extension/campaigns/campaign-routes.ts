import { campaignStatsSchema, timelineSchema } from '../../shared/schemas/analytics';
import { campaignListSchema, campaignSchema } from '../../shared/schemas/campaigns';
import { preflightSchema, previewSchema, testSendResultSchema } from '../../shared/schemas/launch';
import { resolvedMessageSchema } from '../../shared/schemas/uncertain-messages';
import type { ApiClient } from '../api/api-client';
import type { Routes } from '../router/message-router';
import type { CacheStore } from '../db/cache-store';
import type { SyncEngine } from '../sync/sync-engine';
import { err, isServerOutOfReach, ok } from '../messages/result';

type CampaignRoutes = Pick<
  Routes,
  | 'campaigns/list'
  | 'campaigns/get'
  | 'campaigns/create'
  | 'campaigns/patch'
  | 'campaigns/duplicate'
  | 'campaigns/delete'
  | 'campaigns/preview'
  | 'campaigns/preflight'
  | 'campaigns/launch'
  | 'campaigns/control'
  | 'campaigns/resolve-message'
  | 'campaigns/test-send'
  | 'campaigns/stats'
  | 'campaigns/timeline'
>;

export interface CampaignRouteDeps {
  api: ApiClient;
  cache: CacheStore;
  sync: Pick<SyncEngine, 'queueEdit' | 'hasPendingEdit' | 'syncNow'>;
}


/**
 * `campaigns/*`: the campaign API for our own pages. Reads with `source: 'cache'` answer from
 * IndexedDB without a request; every answer from the server refreshes the cache.
 */
export function campaignMessageRoutes({ api, cache, sync }: CampaignRouteDeps): CampaignRoutes {
  const path = (id: string, rest = '') => `/api/campaigns/${encodeURIComponent(id)}${rest}`;
  /** Saves a campaign the server just returned, then answers with it. */
  const keep = async (result: Awaited<ReturnType<typeof api.json<typeof campaignSchema>>>) =>
    result.ok ? ok((await cache.putCampaign(result.value)).value) : result;

  return {
    'campaigns/list': {
      access: 'extension-pages',
      async handle({ source }) {
        if (source === 'cache') return ok(await cache.campaigns());
        const list = await api.json({ method: 'GET', path: '/api/campaigns' }, campaignListSchema);
        return list.ok ? ok(await cache.replaceCampaigns(list.value.campaigns)) : list;
      },
    },
    'campaigns/get': {
      access: 'extension-pages',
      async handle({ id, source }) {
        if (source === 'cache') return ok(await cache.campaign(id));
        const campaign = await api.json({ method: 'GET', path: path(id) }, campaignSchema);
        if (!campaign.ok) {
          if (campaign.error.code === 'not-found') await cache.deleteCampaign(id);
          return campaign;
        }
        return ok(await cache.putCampaign(campaign.value));
      },
    },
    'campaigns/create': {
      access: 'extension-pages',
      handle: async ({ input }) => keep(await api.json({ method: 'POST', path: '/api/campaigns', json: input }, campaignSchema)),
    },
    'campaigns/patch': {
      access: 'extension-pages',
      // Online, a save is a PATCH and its answer (a 409 or a bad field shows in the editor at once).
      // Offline, or behind an edit still queued, it joins the queue and the panel shows it as saved here.
      async handle({ id, patch }) {
        const { version, ...edit } = patch;
        if (!(await sync.hasPendingEdit(id))) {
          const saved = await api.json({ method: 'PATCH', path: path(id), json: patch }, campaignSchema);
          if (saved.ok) return ok({ campaign: (await cache.putCampaign(saved.value)).value, queued: false });
          if (!isServerOutOfReach(saved.error)) return saved;
        }
        const shown = (await cache.campaign(id)).value;
        if (!shown) return err('not-found', 'This campaign is not on this device yet; connect to the server to edit it.');
        await sync.queueEdit(shown, edit, version ?? shown.version);
        await sync.syncNow();
        const now = (await cache.campaign(id)).value ?? shown;
        return ok({ campaign: now, queued: await sync.hasPendingEdit(id) });
      },
    },
    'campaigns/duplicate': {
      access: 'extension-pages',
      handle: async ({ id, recipients }) =>
        keep(await api.json({ method: 'POST', path: path(id, '/duplicate'), ...(recipients === undefined ? {} : { json: { recipients } }) }, campaignSchema)),
    },
    'campaigns/delete': {
      access: 'extension-pages',
      async handle({ id }) {
        const deleted = await api.empty({ method: 'DELETE', path: path(id) });
        if (!deleted.ok && deleted.error.code !== 'not-found') return deleted;
        await cache.deleteCampaign(id);
        return ok({ id });
      },
    },
    'campaigns/preview': {
      access: 'extension-pages',
      handle: ({ id, recipient, step, variant }) =>
        api.json(
          { method: 'GET', path: path(id, '/preview'), query: { recipient, ...(step ? { step: String(step) } : {}), ...(variant !== undefined ? { variant: String(variant) } : {}) } },
          previewSchema,
        ),
    },
    'campaigns/preflight': {
      access: 'extension-pages',
      handle: ({ id, allowBlank, followUpsWithoutReplyCheck = false }) =>
        api.json(
          { method: 'GET', path: path(id, '/preflight'), query: { allowBlank: String(allowBlank), followUpsWithoutReplyCheck: String(followUpsWithoutReplyCheck) } },
          preflightSchema,
        ),
    },
    'campaigns/launch': {
      access: 'extension-pages',
      handle: async ({ id, allowBlank, followUpsWithoutReplyCheck = false }) =>
        keep(await api.json({ method: 'POST', path: path(id, '/launch'), json: { allowBlank, followUpsWithoutReplyCheck } }, campaignSchema)),
    },
    'campaigns/control': {
      access: 'extension-pages',
      handle: async ({ id, action }) => keep(await api.json({ method: 'POST', path: path(id, `/${action}`) }, campaignSchema)),
    },
    // Settled, then the campaign read again: its counts, state and waiting list all moved.
    'campaigns/resolve-message': {
      access: 'extension-pages',
      async handle({ id, jobId, outcome }) {
        const resolved = await api.json({ method: 'POST', path: path(id, `/messages/${jobId}/resolve`), json: { outcome } }, resolvedMessageSchema);
        const fresh = await api.json({ method: 'GET', path: path(id) }, campaignSchema);
        // Refused (already settled elsewhere, or the campaign moved on): the list is refreshed all the
        // same, and the refusal says why.
        if (!resolved.ok) {
          if (fresh.ok) await keep(fresh);
          return resolved;
        }
        return keep(fresh);
      },
    },
    'campaigns/test-send': {
      access: 'extension-pages',
      handle: ({ id, accountId, recipient, to, step, variant }) =>
        api.json(
          { method: 'POST', path: path(id, '/test'), json: { accountId, ...(recipient ? { recipient } : {}), ...(to ? { to } : {}), ...(step ? { step } : {}), ...(variant ? { variant } : {}) } },
          testSendResultSchema,
        ),
    },
    'campaigns/stats': {
      access: 'extension-pages',
      async handle({ id, source }) {
        if (source === 'cache') return ok(await cache.stats(id));
        const stats = await api.json({ method: 'GET', path: path(id, '/stats') }, campaignStatsSchema);
        return stats.ok ? ok(await cache.putStats(id, stats.value)) : stats;
      },
    },
    'campaigns/timeline': {
      access: 'extension-pages',
      handle: ({ id, bucket, tz }) => api.json({ method: 'GET', path: path(id, '/timeline'), query: { bucket, tz } }, timelineSchema),
    },
  };
}
