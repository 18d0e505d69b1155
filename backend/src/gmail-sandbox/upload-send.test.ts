import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { sendRaw } from '../sending/message/send-raw';
import { connectMailbox, sandboxServerEach } from '../testing/gmail-sandbox-harness';

const ALICE = 'alice@example.com';
const MB = 1024 * 1024;

/** A message of about `size` bytes: an ASCII body, as MailComposer's output always is. */
function message(size: number, headers: Record<string, string> = {}) {
  const head = Object.entries({ From: ALICE, To: 'zed@elsewhere.example', Subject: 'Big', ...headers }).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  const line = `${'A'.repeat(74)}\r\n`;
  return Buffer.from(`${head}\r\n\r\n${line.repeat(Math.ceil(size / line.length))}`);
}

describe('the upload form of users.messages.send', () => {
  const { server } = sandboxServerEach();

  it('takes uploadType=media and multipart (with the thread id), as the Google client sends them, and records the endpoint', async () => {
    const { gmail } = await connectMailbox(server.url, ALICE);
    const first = message(6 * MB);
    const { data: sent } = await sendRaw(gmail, { bytes: first, raw: first.toString('base64url') }, { timeout: 30_000 });
    const reply = message(6 * MB, { Subject: 'Re: Big' });
    const { data: threaded } = await sendRaw(gmail, { bytes: reply, raw: reply.toString('base64url'), threadId: sent.threadId! }, { timeout: 30_000 });
    expect(threaded.threadId).toBe(sent.threadId);

    const { data } = await gmail.users.messages.get({ userId: 'me', id: threaded.id!, format: 'raw' });
    expect((await PostalMime.parse(Buffer.from(data.raw!, 'base64url'))).subject).toBe('Re: Big');
    const log = (await (await fetch(`${server.url}/sends`)).json()) as { sends: { endpoint: string; bytes: number }[] };
    expect(log.sends.map((send) => send.endpoint)).toEqual(['upload-media', 'upload-multipart']);
  });

  it('refuses more than 35 MB with 413, and a media type other than message/*', async () => {
    const { auth } = await connectMailbox(server.url, ALICE);
    const token = (await auth.getAccessToken()).token!;
    const upload = (body: Buffer, type: string, uploadType = 'media') =>
      fetch(`${server.url}/upload/gmail/v1/users/me/messages/send?uploadType=${uploadType}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(body) });
    const tooLarge = await upload(message(36 * MB), 'message/rfc822');
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason).toBe('uploadTooLarge');
    const wrongType = await upload(message(100), 'image/png');
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toBe("Media type 'image/png' is not supported. Valid media types: [message/*]");
    expect((await upload(message(100), 'message/rfc822', 'resumable')).status).toBe(400);
  });
});
