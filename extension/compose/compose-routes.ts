import { campaignListSchema, campaignSchema, type Campaign, type CampaignPatch } from '../../shared/schemas/campaigns';
import type { ApiClient } from '../api/api-client';
import type { MessageContext, Routes } from '../router/message-router';
import type { CacheStore } from '../db/cache-store';
import type { ComposeDraft } from '../messages/compose';
import { err, ok, type Result } from '../messages/result';
import type { OpenCampaignIntents } from './open-campaign-intent';

type ComposeRoutes = Pick<Routes, 'compose/campaigns' | 'compose/export'>;

export interface ComposeRouteDeps {
  api: ApiClient;
  cache: Pick<CacheStore, 'putCampaign'>;
  intents: Pick<OpenCampaignIntents, 'request'>;
  /** `openSidePanel` from background/side-panel.ts; resolves false when Chrome refuses. */
  openPanel(tab: NonNullable<MessageContext['tab']>): Promise<boolean>;
}

/** The menu lists at most this many drafts, newest first. */
const MENU_LIMIT = 50;

/**
 * `compose/*`: the Gmail compose button's two requests, the only routes a content script may
 * use. They read and write campaigns through the API client (the only token holder) and answer
 * with names and ids only.
 */
export function composeMessageRoutes({ api, cache, intents, openPanel }: ComposeRouteDeps): ComposeRoutes {
  const path = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

  /** PATCH with the version just read; on a 409 read again and retry once. The draft stays in Gmail either way. */
  async function intoExisting(id: string, draft: ComposeDraft): Promise<Result<Campaign>> {
    for (let attempt = 1; ; attempt++) {
      const current = await api.json({ method: 'GET', path: path(id) }, campaignSchema);
      if (!current.ok) return current;
      if (current.value.status !== 'draft') {
        return err('invalid', `“${current.value.name}” has been launched, so its subject and body are fixed. Export into a new campaign instead.`);
      }
      const patch: CampaignPatch = {
        html: draft.html,
        // An empty subject in Gmail keeps the campaign's own.
        ...(draft.subject.trim() ? { subject: draft.subject } : {}),
        version: current.value.version,
      };
      const saved = await api.json({ method: 'PATCH', path: path(id), json: patch }, campaignSchema);
      // 409: changed since we read it (`version-conflict`; older servers' problems map to `conflict`).
      if (saved.ok || (saved.error.code !== 'version-conflict' && saved.error.code !== 'conflict')) return saved;
      if (attempt === 2) {
        return err('conflict', `“${current.value.name}” kept changing elsewhere while saving. Your draft is untouched: try again.`);
      }
    }
  }

  return {
    'compose/campaigns': {
      access: 'gmail-content-script',
      async handle() {
        const list = await api.json({ method: 'GET', path: '/api/campaigns' }, campaignListSchema);
        if (!list.ok) return list;
        // Only drafts: a launched campaign's subject and body can no longer change.
        const drafts = list.value.campaigns.filter((campaign) => campaign.status === 'draft').slice(0, MENU_LIMIT);
        return ok({ campaigns: drafts.map(({ id, name }) => ({ id, name })) });
      },
    },
    'compose/export': {
      access: 'gmail-content-script',
      async handle({ draft, target }, context) {
        // First, before any await: Chrome allows sidePanel.open() only during the click's gesture.
        const opening = context?.tab ? openPanel(context.tab) : Promise.resolve(false);

        const saved =
          target.kind === 'new'
            ? await api.json(
                { method: 'POST', path: '/api/campaigns', json: { name: nameFor(draft), subject: draft.subject, html: draft.html } },
                campaignSchema,
              )
            : await intoExisting(target.campaignId, draft);
        if (!saved.ok) return saved;

        const campaign = saved.value;
        // Best effort: the campaign is saved, and the panel's list shows it even if these fail.
        await cache.putCampaign(campaign).catch(() => undefined);
        await intents.request(campaign.id).catch(() => undefined);
        const panel = (await opening) ? 'opened' : 'closed';
        return ok({ campaign: { id: campaign.id, name: campaign.name }, created: target.kind === 'new', panel });
      },
    },
  };
}

/** A new campaign is named after the draft's subject. */
function nameFor(draft: ComposeDraft): string {
  return draft.subject.trim().slice(0, 200) || 'Draft from Gmail';
}
