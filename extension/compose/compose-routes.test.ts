import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Campaign } from '../../shared/schemas/campaigns';
import { createApiClient } from '../api/api-client';
import { messageSchema } from '../messages';
import { composeMessageRoutes } from './compose-routes';
import { apiCampaign } from '../campaigns/testing/api-campaign';

const CONNECTION = { serverUrl: 'http://localhost:8787', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };
const GMAIL_TAB = { tab: { id: 7, windowId: 3 } };
const DRAFT = { subject: 'Spring offer', html: '<div>Hi {{ first name }}</div>' };

/** A campaign as the API answers it: the create defaults, plus what the server adds. */
const campaign = apiCampaign;

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
const conflict = () => answer({ type: '/problems/version-conflict', title: 'Conflict', status: 409, detail: 'Changed elsewhere' }, 409);

let fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;
let connected: boolean;
/** Every step in order, so tests can check that the panel opens before any request. */
let steps: string[];
let deps: Parameters<typeof composeMessageRoutes>[0] & { openPanel: ReturnType<typeof vi.fn> };

beforeEach(() => {
  steps = [];
  connected = true;
  fetch = vi.fn<typeof globalThis.fetch>();
  const recordingFetch: typeof globalThis.fetch = (url, init) => {
    steps.push(`${init?.method} ${String(url).replace(CONNECTION.serverUrl, '')}`);
    return fetch(url, init);
  };
  const api = createApiClient({ fetch: recordingFetch, store: { get: async () => (connected ? CONNECTION : undefined) }, timeoutMs: 1000 });
  deps = {
    api,
    cache: { putCampaign: vi.fn(async (value: Campaign) => ({ value, fetchedAt: '' })) },
    intents: { request: vi.fn(async (id: string) => void steps.push(`intent ${id}`)) },
    openPanel: vi.fn(async () => {
      steps.push('open panel');
      return true;
    }),
  };
});

const routes = () => composeMessageRoutes(deps);
const body = (call: number) => JSON.parse(String(fetch.mock.calls[call]?.[1]?.body));

describe('compose/export', () => {
  it('opens the panel first, creates a campaign named after the subject, and asks the panel to show it', async () => {
    fetch.mockResolvedValueOnce(answer(campaign({ id: 'cmp_9', name: 'Spring offer' }), 201));

    const result = await routes()['compose/export'].handle({ type: 'compose/export', draft: DRAFT, target: { kind: 'new' } }, GMAIL_TAB);

    expect(result).toEqual({ ok: true, value: { campaign: { id: 'cmp_9', name: 'Spring offer' }, created: true, panel: 'opened' } });
    expect(steps).toEqual(['open panel', 'POST /api/campaigns', 'intent cmp_9']);
    expect(deps.openPanel).toHaveBeenCalledWith({ id: 7, windowId: 3 });
    expect(body(0)).toEqual({ name: 'Spring offer', subject: 'Spring offer', html: DRAFT.html });
    expect(deps.cache.putCampaign).toHaveBeenCalledWith(expect.objectContaining({ id: 'cmp_9' }));
  });

  it('says the panel is closed when Chrome would not open it', async () => {
    deps.openPanel.mockResolvedValue(false);
    fetch.mockResolvedValueOnce(answer(campaign(), 201));
    const result = await routes()['compose/export'].handle({ type: 'compose/export', draft: DRAFT, target: { kind: 'new' } }, GMAIL_TAB);
    expect(result).toMatchObject({ ok: true, value: { panel: 'closed' } });
  });

  it('names a campaign without a subject plainly', async () => {
    fetch.mockResolvedValueOnce(answer(campaign(), 201));
    await routes()['compose/export'].handle({ type: 'compose/export', draft: { subject: ' ', html: '<p>x</p>' }, target: { kind: 'new' } }, GMAIL_TAB);
    expect(body(0).name).toBe('Draft from Gmail');
  });

  it('replaces an existing draft campaign’s subject and body at the version it read', async () => {
    fetch.mockResolvedValueOnce(answer(campaign({ version: 4 }))).mockResolvedValueOnce(answer(campaign({ version: 5, subject: DRAFT.subject })));

    const result = await routes()['compose/export'].handle(
      { type: 'compose/export', draft: DRAFT, target: { kind: 'existing', campaignId: 'cmp_1' } },
      GMAIL_TAB,
    );

    expect(result).toEqual({ ok: true, value: { campaign: { id: 'cmp_1', name: 'Spring' }, created: false, panel: 'opened' } });
    expect(steps).toEqual(['open panel', 'GET /api/campaigns/cmp_1', 'PATCH /api/campaigns/cmp_1', 'intent cmp_1']);
    expect(body(1)).toEqual({ html: DRAFT.html, subject: DRAFT.subject, version: 4 });
  });

  it('keeps the campaign’s subject when the Gmail draft has none', async () => {
    fetch.mockResolvedValueOnce(answer(campaign())).mockResolvedValueOnce(answer(campaign({ version: 2 })));
    await routes()['compose/export'].handle(
      { type: 'compose/export', draft: { subject: '', html: '<p>new</p>' }, target: { kind: 'existing', campaignId: 'cmp_1' } },
      GMAIL_TAB,
    );
    expect(body(1)).toEqual({ html: '<p>new</p>', version: 1 });
  });

  it('re-reads and retries once when the campaign changed meanwhile', async () => {
    fetch
      .mockResolvedValueOnce(answer(campaign({ version: 1 })))
      .mockResolvedValueOnce(conflict())
      .mockResolvedValueOnce(answer(campaign({ version: 2 })))
      .mockResolvedValueOnce(answer(campaign({ version: 3 })));

    const result = await routes()['compose/export'].handle(
      { type: 'compose/export', draft: DRAFT, target: { kind: 'existing', campaignId: 'cmp_1' } },
      GMAIL_TAB,
    );

    expect(result).toMatchObject({ ok: true });
    expect(body(3)).toEqual({ html: DRAFT.html, subject: DRAFT.subject, version: 2 });
  });

  it('gives up after a second conflict, saying the draft is untouched', async () => {
    fetch
      .mockResolvedValueOnce(answer(campaign({ version: 1 })))
      .mockResolvedValueOnce(conflict())
      .mockResolvedValueOnce(answer(campaign({ version: 2 })))
      .mockResolvedValueOnce(conflict());

    const result = await routes()['compose/export'].handle(
      { type: 'compose/export', draft: DRAFT, target: { kind: 'existing', campaignId: 'cmp_1' } },
      GMAIL_TAB,
    );

    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Your draft is untouched/) } });
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(deps.intents.request).not.toHaveBeenCalled();
  });

  it('refuses to change a launched campaign', async () => {
    fetch.mockResolvedValueOnce(answer(campaign({ status: 'sending' })));
    const result = await routes()['compose/export'].handle(
      { type: 'compose/export', draft: DRAFT, target: { kind: 'existing', campaignId: 'cmp_1' } },
      GMAIL_TAB,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/has been launched/) } });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers not-connected without a request when the extension is not linked', async () => {
    connected = false;
    const result = await routes()['compose/export'].handle({ type: 'compose/export', draft: DRAFT, target: { kind: 'new' } }, GMAIL_TAB);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('compose/campaigns', () => {
  it('lists the draft campaigns by name and id only', async () => {
    fetch.mockResolvedValueOnce(
      answer({ campaigns: [campaign({ id: 'cmp_1', name: 'Draft' }), campaign({ id: 'cmp_2', name: 'Sent', status: 'completed' })] }),
    );
    const result = await routes()['compose/campaigns'].handle({ type: 'compose/campaigns' }, GMAIL_TAB);
    expect(result).toEqual({ ok: true, value: { campaigns: [{ id: 'cmp_1', name: 'Draft' }] } });
  });
});

describe('compose routes', () => {
  it('are the ones open to the Gmail content script', () => {
    expect(Object.values(routes()).map((route) => route.access)).toEqual(['gmail-content-script', 'gmail-content-script']);
  });

  it.each([
    ['a multi-line subject', { type: 'compose/export', draft: { subject: 'a\nBcc: x@y.z', html: '' }, target: { kind: 'new' } }],
    ['a body over 500,000 characters', { type: 'compose/export', draft: { subject: '', html: 'x'.repeat(500_001) }, target: { kind: 'new' } }],
    ['a path as the campaign id', { type: 'compose/export', draft: DRAFT, target: { kind: 'existing', campaignId: '../tokens' } }],
    ['an unknown target', { type: 'compose/export', draft: DRAFT, target: { kind: 'url', url: 'https://evil.example' } }],
    ['extra draft fields', { type: 'compose/export', draft: { ...DRAFT, token: 'x' }, target: { kind: 'new' } }],
    ['a list request with a filter', { type: 'compose/campaigns', status: 'all' }],
  ])('the schema refuses %s', (_name, message) => {
    expect(messageSchema.safeParse(message).success).toBe(false);
  });
});
