import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../attachments/content-type';
import { buildMessage } from './build-message';

/** An uploaded .eml (typed by its name, attachments/content-type.ts), sent as a campaign file. */
async function sentWith(filename: string, content: Uint8Array) {
  const built = await buildMessage({
    from: { email: 'a@example.com', name: 'Ana' }, to: 'b@example.org', subject: 'The thread', html: '<p>Below.</p>', text: 'Below.', signatureHtml: '',
    messageId: '<cmp_1.2.0@iconnect.example>', date: new Date('2026-12-03T10:00:00Z'), unsubscribe: null,
    tracking: { openPixelUrl: null, rewriteLink: null },
    attachments: [{ filename, contentType: contentTypeOf(filename), content }],
  });
  return { raw: Buffer.from(built.bytes).toString('latin1'), parsed: await PostalMime.parse(built.bytes) };
}

describe('a file sent with a campaign message', () => {
  it('sends an .eml as application/octet-stream under its name, never as message/rfc822 in base64 (RFC 2046 §5.2.1)', async () => {
    expect(contentTypeOf('forwarded.eml')).toBe('message/rfc822');
    // Not even 7-bit: a stored message may hold any bytes.
    const eml = new Uint8Array([...Buffer.from('From: x@example.com\r\nSubject: Hola\r\n\r\nAño '), 0xff, 0x00, 0x80]);
    const { raw, parsed } = await sentWith('forwarded.eml', eml);
    expect(raw).not.toMatch(/content-type:\s*message\//i);
    expect(parsed.attachments).toHaveLength(1);
    const [file] = parsed.attachments;
    expect(file).toMatchObject({ filename: 'forwarded.eml', mimeType: 'application/octet-stream', disposition: 'attachment' });
    expect(new Uint8Array(file!.content as ArrayBuffer)).toEqual(eml);
  });

  it('keeps the type of any other file', async () => {
    const { parsed } = await sentWith('terms.pdf', new Uint8Array([1, 2, 3]));
    expect(parsed.attachments[0]).toMatchObject({ filename: 'terms.pdf', mimeType: 'application/pdf' });
  });
});
