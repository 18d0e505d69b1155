import { createClient } from '@libsql/client';
import { serve } from '@hono/node-server';
import { gmail } from '@googleapis/gmail';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmailSandbox } from './index';
import { connectMailbox, control, rawMessage } from '../testing/gmail-sandbox-harness';

/**
 * The sandbox mounted inside a host app the way the product mounts it: everything under
 * /sandbox/google, and the Gmail API routes at the origin root too, because googleapis-common
 * drops the path of `rootUrl`.
 */
describe('Gmail sandbox mounted in a host app', () => {
  const db = createClient({ url: ':memory:' });
  let origin = '';
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const host = new Hono();
    host.get('/health', (c) => c.text('ok'));
    let fetchHost: (request: Request) => Response | Promise<Response> = host.fetch;
    const server = serve({ fetch: (request) => fetchHost(request), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sandbox = createGmailSandbox({ db, clock: { now: () => new Date() }, basePath: `${origin}/sandbox/google` });
    host.route('/sandbox/google', sandbox.app);
    host.route('/', sandbox.gmailApi);
    fetchHost = host.fetch;
    close = () => server.close();
  });
  afterAll(() => close());

  it('serves OAuth under the mount and the Gmail API at the origin root (rootUrl = origin + "/")', async () => {
    const base = `${origin}/sandbox/google`;
    const { gmail: client } = await connectMailbox(base, 'alice@example.com', { rootUrl: `${origin}/` });
    const { data } = await client.users.messages.send({ userId: 'me', requestBody: { raw: rawMessage({ From: 'alice@example.com', To: 'bob@example.com', Subject: 'mounted' }) } });
    expect(data.labelIds).toEqual(['SENT']);
    const messages = await fetch(`${base}/mailboxes/alice@example.com/messages`).then((r) => r.json() as Promise<unknown[]>);
    expect(messages).toHaveLength(1);
  });

  it('also answers the Gmail API under the mount when rootUrl is given per call', async () => {
    const base = `${origin}/sandbox/google`;
    const { auth } = await connectMailbox(base, 'carol@example.com');
    const perCall = gmail({ version: 'v1', auth });
    const { data } = await perCall.users.getProfile({ userId: 'me' }, { rootUrl: `${base}/` });
    expect(data.emailAddress).toBe('carol@example.com');
  });

  it('renders the viewer with message HTML only inside a sandboxed srcdoc iframe', async () => {
    const base = `${origin}/sandbox/google`;
    const html = '<p>Hi <img src="https://tracker.example/open.gif"><script>alert(1)</script></p>';
    const text = `From: x@example.com\r\nTo: dora@example.com\r\nSubject: <b>bold</b>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;
    await control({ url: base } as never, 'POST', '/mailboxes/dora@example.com/messages', { text });
    const index = await fetch(`${base}/`).then((r) => r.text());
    expect(index).toContain(`href="${base}/mailboxes/dora%40example.com"`);
    const response = await fetch(`${base}/mailboxes/dora@example.com`);
    const page = await response.text();
    expect(page).toContain('Gmail sandbox — no real Google account is involved');
    expect(page).toContain('<iframe sandbox title="Message body" srcdoc="&#60;p&#62;Hi');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>bold</b>');
    expect(response.headers.get('content-security-policy')).toContain("img-src data:");
  });
});
