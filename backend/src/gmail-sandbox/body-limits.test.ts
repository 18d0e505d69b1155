import { createClient } from '@libsql/client';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GMAIL_JSON_BYTES, MAX_PAGE_BODY_BYTES } from './body-limits';
import { createGmailSandbox } from './index';
import { MAX_UPLOAD_BYTES } from './upload-send';

/**
 * A body of `total` bytes that counts what the server pulled: a server that buffered it whole would
 * pull all of it; one that stops at its bound pulls little more than the bound.
 */
function streamedBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, counter };
}

const post = (host: Hono, path: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string>) =>
  host.request(`http://127.0.0.1:8787${path}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);

describe('the sandbox bounds the bodies it reads (mounted before the app body limit)', () => {
  const db = createClient({ url: ':memory:' });
  const host = new Hono();

  beforeAll(async () => {
    const sandbox = createGmailSandbox({ db, clock: { now: () => new Date('2026-03-02T10:00:00Z') }, basePath: 'http://127.0.0.1:8787/sandbox/google' });
    await sandbox.ready;
    host.route('/sandbox/google', sandbox.app);
    host.route('/', sandbox.gmailApi);
  });
  afterAll(() => db.close());

  it('refuses a token request streamed past 1 MB with 413, without reading it all', async () => {
    const { body, counter } = streamedBody(200 * 1024 * 1024);
    const response = await post(host, '/sandbox/google/token', body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('too large');
    expect(counter.pulled).toBeLessThan(MAX_PAGE_BODY_BYTES + 1024 * 1024);
  });

  it('refuses by Content-Length before reading, on the consent form and the control API', async () => {
    for (const path of ['/sandbox/google/o/oauth2/v2/auth', '/sandbox/google/mailboxes/ada@example.com/messages']) {
      const { body, counter } = streamedBody(8 * 1024 * 1024);
      const response = await post(host, path, body, { 'content-type': 'application/json', 'content-length': String(8 * 1024 * 1024) });
      expect(response.status).toBe(413);
      expect(counter.pulled).toBeLessThan(MAX_PAGE_BODY_BYTES);
    }
  });

  it("answers the Gmail API's own error shapes past its bounds: JSON send and upload", async () => {
    const json = streamedBody(MAX_GMAIL_JSON_BYTES + 4 * 1024 * 1024);
    const sent = await post(host, '/gmail/v1/users/me/messages/send', json.body, { 'content-type': 'application/json', authorization: 'Bearer x' });
    expect(sent.status).toBe(400);
    expect(((await sent.json()) as { error: { message: string } }).error.message).toMatch(/payload size exceeds the limit/);
    expect(json.counter.pulled).toBeLessThan(MAX_GMAIL_JSON_BYTES + 1024 * 1024);

    const upload = streamedBody(MAX_UPLOAD_BYTES + 4 * 1024 * 1024);
    const uploaded = await post(host, '/upload/gmail/v1/users/me/messages/send?uploadType=media', upload.body, { 'content-type': 'message/rfc822', authorization: 'Bearer x' });
    expect(uploaded.status).toBe(413);
    expect(((await uploaded.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason).toBe('uploadTooLarge');
    expect(upload.counter.pulled).toBeLessThan(MAX_UPLOAD_BYTES + 1024 * 1024);
  });

  it('still takes a token request of ordinary size (answered by the OAuth rules, not the bound)', async () => {
    const response = await post(host, '/sandbox/google/token', 'grant_type=refresh_token&client_id=c&refresh_token=none', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
