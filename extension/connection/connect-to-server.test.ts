import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IConnectDb } from '../db/iconnect-db';
import { connectToServer, type ConnectOptions } from './connect-to-server';
import { createConnectionStore } from './connection-store';

const TOKEN = 'ick_live_abcdefghijklmnop';
const ME = { user: { id: 'usr_1', email: 'ada@example.com', createdAt: '2026-01-01T00:00:00.000Z' }, auth: 'token' };
const NOW = new Date('2026-02-03T04:05:06.000Z');

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

let db: IConnectDb;
let options: ConnectOptions;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

beforeEach(() => {
  db = new IConnectDb(`test-${crypto.randomUUID()}`);
  fetchMock = vi.fn<typeof fetch>(async () => json(ME));
  options = { fetch: fetchMock, store: createConnectionStore(db), now: () => NOW, timeoutMs: 1000 };
});

afterEach(async () => {
  await db.delete();
});

describe('connectToServer', () => {
  it('saves the connection once the server vouches for the token', async () => {
    const result = await connectToServer({ serverUrl: 'localhost:8787/', token: ` ${TOKEN} ` }, options);

    expect(result).toEqual({ ok: true, value: { connected: true, serverUrl: 'http://localhost:8787', email: 'ada@example.com' } });
    expect(await db.connection.get('current')).toEqual({
      id: 'current',
      serverUrl: 'http://localhost:8787',
      token: TOKEN,
      userId: 'usr_1',
      email: 'ada@example.com',
      connectedAt: NOW.toISOString(),
    });
  });

  it('asks /api/me with the bearer token and no cookies', async () => {
    await connectToServer({ serverUrl: 'http://localhost:8787', token: TOKEN }, options);

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:8787/api/me');
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'manual' });
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('explains a refused token and stores nothing', async () => {
    fetchMock.mockResolvedValue(
      json({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401 }, 401, 'application/problem+json'),
    );

    const result = await connectToServer({ serverUrl: 'http://localhost:8787', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/revoked/) } });
    expect(await db.connection.count()).toBe(0);
  });

  it('keeps the existing connection when a new attempt fails', async () => {
    await connectToServer({ serverUrl: 'http://localhost:8787', token: TOKEN }, options);
    fetchMock.mockResolvedValue(json({}, 401));

    await connectToServer({ serverUrl: 'http://localhost:8787', token: 'ick_wrong' }, options);

    expect((await db.connection.get('current'))?.token).toBe(TOKEN);
  });

  it('says so when the server cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const result = await connectToServer({ serverUrl: 'http://localhost:1', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringContaining('http://localhost:1') } });
  });

  it('gives up on a server that does not answer in time', async () => {
    fetchMock.mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );

    const result = await connectToServer({ serverUrl: 'http://localhost:8787', token: TOKEN }, { ...options, timeoutMs: 20 });

    expect(result).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/did not answer/) } });
  });

  it.each([
    ['a 404', () => new Response('Not found', { status: 404 })],
    ['an HTML page', () => new Response('<!doctype html><title>Router</title>', { status: 200 })],
    ['JSON of another shape', () => json({ login: 'octocat' })],
  ])('recognises %s as not an iConnect server', async (_name, response) => {
    fetchMock.mockImplementation(async () => response());

    const result = await connectToServer({ serverUrl: 'https://example.com', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'not-iconnect' } });
    expect(await db.connection.count()).toBe(0);
  });

  it('does not follow a redirect with the token', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 301, headers: { location: 'https://elsewhere.example' } }));

    const result = await connectToServer({ serverUrl: 'https://mail.example.com', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'not-iconnect', message: expect.stringMatching(/redirect/) } });
  });

  it("reports a server error with the problem's title", async () => {
    fetchMock.mockResolvedValue(
      json({ type: '/problems/internal', title: 'Internal error', status: 500 }, 500, 'application/problem+json'),
    );

    const result = await connectToServer({ serverUrl: 'http://localhost:8787', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'server-error', message: expect.stringContaining('HTTP 500: Internal error') } });
  });

  it.each([
    ['an empty token', '  '],
    ['a token without the ick_ prefix', 'ghp_abcdef'],
    ['a token with a space inside', 'ick_abc def'],
  ])('refuses %s without calling the server', async (_name, token) => {
    const result = await connectToServer({ serverUrl: 'http://localhost:8787', token }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-token' } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('never sends the token over plain http to another computer, and saves nothing', async () => {
    const result = await connectToServer({ serverUrl: 'http://iconnect.lan:8787', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-url', message: expect.stringMatching(/not encrypted/) } });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await db.connection.count()).toBe(0);
  });

  it('refuses a bad address without calling anything', async () => {
    const result = await connectToServer({ serverUrl: 'ftp://example.com', token: TOKEN }, options);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
