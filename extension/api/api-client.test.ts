import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createApiClient } from './api-client';

const CONNECTION = { serverUrl: 'http://localhost:8787', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

function setup(response: () => Response | Promise<Response>, connected = true) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => response());
  const api = createApiClient({ fetch, store: { get: async () => (connected ? CONNECTION : undefined) }, timeoutMs: 1000 });
  return { api, fetch };
}

const thing = z.object({ id: z.string() });

describe('createApiClient', () => {
  it('sends the bearer token, no cookies, and parses the answer with the schema', async () => {
    const { api, fetch } = setup(() => json({ id: 'cmp_1', extra: true }));

    const result = await api.json({ method: 'GET', path: '/api/campaigns/cmp_1', query: { recipient: '2', skip: undefined } }, thing);

    expect(result).toEqual({ ok: true, value: { id: 'cmp_1' } });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:8787/api/campaigns/cmp_1?recipient=2');
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'manual' });
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer ick_secret');
  });

  it('posts CSV as text/csv', async () => {
    const { api, fetch } = setup(() => json({ id: 'x' }, 201));
    await api.json({ method: 'POST', path: '/api/campaigns/cmp_1/recipients/import', csv: 'email\na@b.co\n' }, thing);
    const init = fetch.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('content-type')).toBe('text/csv; charset=utf-8');
    expect(init?.body).toBe('email\na@b.co\n');
  });

  it('shows a problem detail and its field errors readably', async () => {
    const { api } = setup(() =>
      json(
        { type: '/problems/validation-failed', title: 'Invalid', status: 400, errors: [{ field: 'schedule.window.end', message: 'The sending window must end after it starts' }] },
        400,
        'application/problem+json',
      ),
    );

    const result = await api.json({ method: 'PATCH', path: '/api/campaigns/cmp_1', json: {} }, thing);

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'Please check: Schedule window end: The sending window must end after it starts.',
        fields: [{ field: 'schedule.window.end', message: 'The sending window must end after it starts' }],
      },
    });
  });

  it('marks a version conflict as such, with the server detail', async () => {
    const { api } = setup(() => json({ type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'The campaign changed since version 3.' }, 409, 'application/problem+json'));
    const result = await api.json({ method: 'PATCH', path: '/api/campaigns/cmp_1', json: { version: 3 } }, thing);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: 'The campaign changed since version 3.' } });
  });

  it('refuses an answer of the wrong shape instead of passing it on', async () => {
    const { api } = setup(() => json({ name: 'no id' }));
    expect(await api.json({ method: 'GET', path: '/api/x' }, thing)).toMatchObject({ ok: false, error: { code: 'server-error' } });
  });

  it('asks nothing when not connected', async () => {
    const { api, fetch } = setup(() => json({}), false);
    expect(await api.json({ method: 'GET', path: '/api/x' }, thing)).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says so when the server is down, without the token', async () => {
    const { api } = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await api.empty({ method: 'DELETE', path: '/api/campaigns/cmp_1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(JSON.stringify(result)).not.toContain('ick_secret');
  });
});
