import { describe, expect, it } from 'vitest';
import { checkReachable } from './check-reachable';

describe('checkReachable', () => {
  it('takes any HTTP answer from /health as reachable', async () => {
    const asked: string[] = [];
    const fetch = (async (input: string | URL | Request) => {
      asked.push(String(input));
      return new Response('down for maintenance', { status: 503 });
    }) as typeof globalThis.fetch;

    expect(await checkReachable('https://iconnect.example.com', { fetch, timeoutMs: 1000 })).toEqual({ ok: true, value: null });
    expect(asked).toEqual(['https://iconnect.example.com/health']);
  });

  it('says it cannot reach the address, and how long it waited when nothing answered in time', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    // What fetch throws when AbortSignal.timeout fires.
    const silent = (async () => {
      throw new DOMException('signal timed out', 'TimeoutError');
    }) as typeof globalThis.fetch;

    expect(await checkReachable('http://127.0.0.1:9', { fetch: refused, timeoutMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: 'Cannot reach http://127.0.0.1:9. Check the address, and that the server is running.' },
    });
    expect(await checkReachable('http://127.0.0.1:9', { fetch: silent, timeoutMs: 4000 })).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.stringMatching(/^Cannot reach http:\/\/127\.0\.0\.1:9: no answer within 4 seconds/) },
    });
  });
});
