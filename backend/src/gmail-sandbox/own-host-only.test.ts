import { createClient } from '@libsql/client';
import { Hono } from 'hono';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmailSandbox, type GmailSandbox } from './index';
import { startGmailSandboxServer, type GmailSandboxServer } from './node-server';

/**
 * DNS rebinding (issue 12): a page on evil.example, its name re-pointed at 127.0.0.1, reaches the
 * sandbox from the victim's browser with `Host: evil.example`. The sandbox must not answer it.
 */
describe('the sandbox answers only its own host names', () => {
  const db = createClient({ url: ':memory:' });
  let sandbox: GmailSandbox;
  let host: Hono;

  beforeAll(async () => {
    // Mounted as `npm start` mounts it, with PUBLIC_URL https://iconnect.example.org.
    sandbox = createGmailSandbox({ db, clock: { now: () => new Date('2026-03-02T10:00:00Z') }, basePath: 'https://iconnect.example.org/sandbox/google' });
    await sandbox.ready;
    host = new Hono();
    host.get('/health', (c) => c.text('ok'));
    host.route('/sandbox/google', sandbox.app);
    host.route('/', sandbox.gmailApi);
    await host.request('http://127.0.0.1:8787/sandbox/google/mailboxes/ada@example.com/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'From: x@example.com\r\nTo: ada@example.com\r\nSubject: Hi\r\n\r\nUnsubscribe: https://iconnect.example.org/u/secret-token\r\n' }),
    });
  });
  afterAll(() => db.close());

  const OWN_ORIGINS = ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://127.8.9.10', 'http://[::1]:8787', 'https://iconnect.example.org'];

  it.each([
    ['the mailbox viewer', '/sandbox/google/mailboxes/ada@example.com'],
    ['the list of mailboxes', '/sandbox/google/'],
    ['the control API', '/sandbox/google/mailboxes/ada@example.com/messages'],
    ['the state', '/sandbox/google/state'],
    ['the consent page', '/sandbox/google/o/oauth2/v2/auth'],
  ])('refuses %s to a rebound name with 421, and serves it on its own names', async (_name, path) => {
    const response = await host.request(`http://evil.example:8787${path}`);
    expect(response.status).toBe(421);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = await response.text();
    expect(body).not.toContain('secret-token');
    expect(JSON.parse(body)).toMatchObject({ type: '/problems/misdirected-request', status: 421 });
    for (const origin of OWN_ORIGINS) expect((await host.request(`${origin}${path}`)).status, origin).not.toBe(421);
  });

  it("shows a mailbox's messages at the loopback names and PUBLIC_URL's host only", async () => {
    for (const origin of OWN_ORIGINS) {
      const response = await host.request(`${origin}/sandbox/google/mailboxes/ada@example.com/messages`);
      expect(response.status, origin).toBe(200);
      expect(await response.json()).toHaveLength(1);
    }
    expect((await host.request('http://127.0.0.1.evil.example/sandbox/google/mailboxes/ada@example.com/messages')).status).toBe(421);
  });

  it("guards the Gmail API at the host's root without touching the host app's other routes", async () => {
    expect((await host.request('http://evil.example/gmail/v1/users/me/profile')).status).toBe(421);
    expect((await host.request('http://127.0.0.1:8787/gmail/v1/users/me/profile')).status).toBe(401); // no token: its own answer
    expect((await host.request('http://evil.example/health')).status).toBe(200);
  });
});

describe('the sandbox on its own loopback port', () => {
  let server: GmailSandboxServer;
  beforeAll(async () => {
    server = await startGmailSandboxServer();
  });
  afterAll(() => server.close());

  /** fetch() cannot set Host; a browser on a rebound name sends it just like this. */
  const getWithHost = (path: string, hostHeader: string) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { host: hostHeader } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });

  it('refuses a request whose Host is a rebound name, on the real socket', async () => {
    expect(await getWithHost('/state', `evil.example:${server.port}`)).toBe(421);
    expect(await getWithHost('/state', `127.0.0.1:${server.port}`)).toBe(200);
    expect(await getWithHost('/state', `localhost:${server.port}`)).toBe(200);
  });
});
