import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createApiClient } from './api-client';

const CONNECTION = { serverUrl: 'http://localhost:8787', token: 'ick_secret', userId: 'usr_1', email: 'a@b.co', connectedAt: '' };

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

function setup(response: () => Response | Promise<Response>, connected = true) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => response());
  const outcomes: string[] = [];
  const api = createApiClient({
    fetch,
    store: { get: async () => (connected ? CONNECTION : undefined) },
    timeoutMs: 1000,
    onOutcome: (serverUrl, outcome) => outcomes.push(`${serverUrl} ${outcome}`),
  });
  return { api, fetch, outcomes };
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

  it('says the size and the limit of a body the server found too large (issue 14)', async () => {
    const { api } = setup(() =>
      json(
        { type: '/problems/payload-too-large', title: 'The request body is too large', status: 413, detail: 'The body is 5.2 MB; at most 1 MB.', limitBytes: 1048576, sizeBytes: 5452595 },
        413,
        'application/problem+json',
      ),
    );
    const result = await api.json({ method: 'PATCH', path: '/api/campaigns/cmp_1', json: {} }, thing);
    expect(result).toEqual({ ok: false, error: { code: 'invalid', message: 'The message is 5.2 MB; at most 1 MB.' } });
  });

  it('tells the connection health how each request ended', async () => {
    const answers: (() => Response | Promise<Response>)[] = [
      () => json({ id: 'x' }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json({ type: '/problems/internal', title: 'Oops', status: 500 }, 500, 'application/problem+json'),
      () => json({ type: '/problems/unauthenticated', title: 'Sign in', status: 401 }, 401, 'application/problem+json'),
      // A wrong password on a step-up is a 401 about the password, not the token.
      () => json({ type: '/problems/invalid-credentials', title: 'Wrong', status: 401 }, 401, 'application/problem+json'),
    ];
    let next = 0;
    const { api, outcomes } = setup(() => answers[next++]!());
    for (let i = 0; i < answers.length; i++) await api.json({ method: 'GET', path: '/api/x' }, thing);
    expect(outcomes).toEqual([
      'http://localhost:8787 answered',
      'http://localhost:8787 unreachable',
      'http://localhost:8787 server-error',
      'http://localhost:8787 revoked',
      'http://localhost:8787 answered',
    ]);
  });

  it('reads the problem of a refused token after telling the health about it', async () => {
    const { api } = setup(() => json({ type: '/problems/unauthenticated', title: 'Sign in', status: 401, detail: 'The API token is revoked.' }, 401, 'application/problem+json'));
    expect(await api.json({ method: 'GET', path: '/api/x' }, thing)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The API token is revoked.' } });
  });
});
