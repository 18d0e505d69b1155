import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { answerClientErrors } from './node-client-errors';

let t: TestApp;
let server: Server;
let port: number;
beforeEach(async () => {
  t = await createTestApp();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

/** Writes `request` on a raw socket and reads everything the server says until it closes. */
function exchange(request: string): Promise<{ text: string; error: string | null }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let error: string | null = null;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ text, error }));
    socket.write(request, () => socket.end());
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers a request line over 16 KB with a 431 problem the client can read, not a reset', async () => {
    const { text, error } = await exchange(`GET /api/accounts?x=${'a'.repeat(120_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(error).toBeNull();
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head!.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head!.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body!)).toMatchObject({ type: '/problems/request-header-too-large', status: 431 });
  });

  it('answers a malformed request line with a 400 problem', async () => {
    const { text } = await exchange('THIS IS NOT HTTP\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(text.split('\r\n\r\n')[1]!)).toMatchObject({ type: '/problems/malformed-request', status: 400 });
  });
});
