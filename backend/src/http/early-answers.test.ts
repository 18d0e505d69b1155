import { serve } from '@hono/node-server';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * A keep-alive client (a browser, a script's HTTP agent) reuses its socket for the next request.
 * An answer given before the body was read must tell it the socket is going away, or that next
 * request fails. These run the real Node server on loopback: `app.request()` has no sockets.
 */
let t: TestApp;
let server: ReturnType<typeof serve>;
let port: number;
let agent: Agent;

beforeEach(async () => {
  t = await createTestApp({ bodyLimits: { jsonBytes: 1000, csvBytes: 5000 } });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
afterEach(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

type Answer = { status: number; connection: string | undefined; body: string };

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
    });
    req.on('error', reject);
    // The server may answer and close before the whole body is written; that is its right.
    req.on('close', () => undefined);
    if (body !== undefined) req.write(body, () => undefined);
    req.end();
  });
}

describe('answers given before the body is read', () => {
  it('closes the connection after a 413 and says so, so the next request on a new socket succeeds', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(200_000) });
    const refused = await send('POST', '/api/tokens', { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }, big);
    expect(refused.status).toBe(413);
    expect(refused.connection).toBe('close');
    const next = await send('GET', '/health', {});
    expect(next.status).toBe(200);
  });

  it('closes the connection after a 415 and says so', async () => {
    const refused = await send('POST', '/api/auth/login', { 'content-type': 'text/plain', 'content-length': '12' }, 'hello there!');
    expect(refused.status).toBe(415);
    expect(refused.connection).toBe('close');
    expect((await send('GET', '/health', {})).status).toBe(200);
  });

  it('keeps the connection open for ordinary answers', async () => {
    const ok = await send('GET', '/health', {});
    expect(ok.status).toBe(200);
    expect(ok.connection).toBe('keep-alive');
  });
});
