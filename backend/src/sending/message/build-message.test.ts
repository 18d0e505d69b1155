import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../lib/base64';
import { deriveKey } from '../../lib/keys';
import { createTrackingSigner, signTrackingToken, verifyTrackingToken } from '../../tracking/tokens';
import { buildMessage, type MessageInput } from './build-message';

const UNSUBSCRIBE_URL = 'https://iconnect.example/u/AQKc8gGB3z4BAA3yXv8Qb1d2Sfl7Vw4bQ';
const PIXEL_URL = 'https://iconnect.example/o/AQKc8gGB3z4AGJcmY2uO9Uu0yCwzNCm5Q.gif';

function input(overrides: Partial<MessageInput> = {}): MessageInput {
  return {
    from: { email: 'ana@example.com', name: 'Ana Lima' },
    to: 'bo@example.org',
    subject: 'Hello Bo',
    html: '<p>Hi Bo,</p>\n<p>See <a href="https://acme.example/pricing?plan=pro&amp;ref=mail">pricing</a>.</p>',
    text: 'Hi Bo,\nSee pricing: https://acme.example/pricing',
    signatureHtml: '<b>Ana Lima</b><br>Acme, <a href="https://acme.example">acme.example</a>',
    messageId: '<cmp_12.345.0@iconnect.example>',
    date: new Date('2026-01-05T09:00:00Z'),
    unsubscribe: { url: UNSUBSCRIBE_URL, mailto: 'mailto:unsubscribe@iconnect.example?subject=unsubscribe' },
    tracking: { openPixelUrl: null, rewriteLink: null },
    ...overrides,
  };
}

/** The message bytes as a binary string (one char per byte). */
function bytesOf(raw: string): string {
  const bytes = decodeBase64(raw);
  if (bytes === null) throw new Error('raw is not base64');
  return String.fromCharCode(...bytes);
}

async function parse(raw: string): Promise<Email> {
  const bytes = decodeBase64(raw);
  if (bytes === null) throw new Error('raw is not base64');
  return PostalMime.parse(bytes);
}

function header(email: Email, key: string): string[] {
  return email.headers.filter((h) => h.key === key).map((h) => h.value);
}

/** The header block, unfolded, one string per field. */
function headerFields(binary: string): string[] {
  const head = binary.slice(0, binary.indexOf('\r\n\r\n'));
  return head.split(/\r\n(?![ \t])/);
}

describe('buildMessage', () => {
  it('returns base64url of a CRLF-only message with no line over 998 octets', async () => {
    const long = 'word '.repeat(400);
    const { raw } = await buildMessage(input({ html: `<p>${long}</p>\n<p>é ${long}</p>\r<p>x</p>`, text: `${long}\n${long}\rend` }));
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    const binary = bytesOf(raw);
    expect(binary.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of binary.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    // MailComposer chose an encoding that keeps lines short, not just under the hard limit.
    for (const line of binary.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('writes From, To, Date, Message-ID and MIME-Version', async () => {
    const { raw, messageId } = await buildMessage(input());
    const email = await parse(raw);
    expect(email.from).toEqual({ name: 'Ana Lima', address: 'ana@example.com' });
    expect(email.to).toEqual([{ name: '', address: 'bo@example.org' }]);
    expect(email.messageId).toBe('<cmp_12.345.0@iconnect.example>');
    expect(messageId).toBe('<cmp_12.345.0@iconnect.example>');
    expect(email.date).toBe('2026-01-05T09:00:00.000Z');
    expect(header(email, 'mime-version')).toEqual(['1.0']);
    expect(header(email, 'in-reply-to')).toEqual([]);
    expect(header(email, 'references')).toEqual([]);
  });

  it('encodes a UTF-8 sender name and subject, folded into short lines', async () => {
    const subject = 'Ça va, Zoë? 🎉 Une offre spéciale pour l’équipe de José — ' + 'très longue '.repeat(8);
    const { raw } = await buildMessage(input({ from: { email: 'zoe@example.com', name: 'Zoë "Z" Ørsted, CEO' }, subject }));
    const email = await parse(raw);
    expect(email.subject).toBe(subject);
    expect(email.from).toEqual({ name: 'Zoë "Z" Ørsted, CEO', address: 'zoe@example.com' });
    const binary = bytesOf(raw);
    const head = binary.slice(0, binary.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit headers: everything non-ASCII encoded
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('writes a bare address when the sender has no name', async () => {
    const { raw } = await buildMessage(input({ from: { email: 'ana@example.com', name: '' } }));
    expect(headerFields(bytesOf(raw))).toContain('From: ana@example.com');
  });

  it('threads a follow-up with In-Reply-To and References', async () => {
    const { raw } = await buildMessage(
      input({
        messageId: '<cmp_12.345.2@iconnect.example>',
        inReplyTo: '<cmp_12.345.1@iconnect.example>',
        references: ['<cmp_12.345.0@iconnect.example>', '<cmp_12.345.1@iconnect.example>'],
      }),
    );
    const email = await parse(raw);
    expect(email.inReplyTo).toBe('<cmp_12.345.1@iconnect.example>');
    expect(email.references).toBe('<cmp_12.345.0@iconnect.example> <cmp_12.345.1@iconnect.example>');
  });

  it('sends multipart/alternative with the text and HTML bodies, signature appended to each', async () => {
    const { raw } = await buildMessage(input());
    const email = await parse(raw);
    expect(header(email, 'content-type')[0]).toMatch(/^multipart\/alternative;/);
    expect(email.text).toContain('Hi Bo,\nSee pricing: https://acme.example/pricing');
    expect(email.text).toContain('\n-- \nAna Lima\nAcme, acme.example [https://acme.example]');
    expect(email.html).toContain('<p>See <a href="https://acme.example/pricing?plan=pro&amp;ref=mail">pricing</a>.</p>');
    expect(email.html).toContain('<div class="gmail_signature"><b>Ana Lima</b><br>Acme, <a href="https://acme.example">acme.example</a></div>');
    const binary = bytesOf(raw);
    expect(binary).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(binary).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });

  it('sends a text-only message when there is no HTML', async () => {
    const { raw } = await buildMessage(input({ html: '' }));
    const email = await parse(raw);
    expect(email.html).toBeUndefined();
    expect(header(email, 'content-type')[0]).toMatch(/^text\/plain/);
    expect(email.text).toContain(`Unsubscribe: ${UNSUBSCRIBE_URL}`);
  });

  it('adds one-click unsubscribe headers (RFC 8058) and a visible link in both parts', async () => {
    const { raw } = await buildMessage(input());
    const email = await parse(raw);
    expect(header(email, 'list-unsubscribe')).toEqual([
      `<${UNSUBSCRIBE_URL}>, <mailto:unsubscribe@iconnect.example?subject=unsubscribe>`,
    ]);
    expect(header(email, 'list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click']);
    expect(email.text).toMatch(new RegExp(`Don't want these emails\\? Unsubscribe: ${UNSUBSCRIBE_URL.replace(/[.?]/g, '\\$&')}\\s*$`));
    expect(email.html).toContain(`Don't want these emails? <a href="${UNSUBSCRIBE_URL}" style="color:#777">Unsubscribe</a>`);
  });

  it('writes only the https URL when there is no mailto', async () => {
    const { raw } = await buildMessage(input({ unsubscribe: { url: UNSUBSCRIBE_URL } }));
    expect(header(await parse(raw), 'list-unsubscribe')).toEqual([`<${UNSUBSCRIBE_URL}>`]);
  });

  it('leaves out List-Unsubscribe-Post for a plain-http URL (RFC 8058 needs HTTPS)', async () => {
    const { raw } = await buildMessage(input({ unsubscribe: { url: 'http://localhost:8787/u/abc' } }));
    const email = await parse(raw);
    expect(header(email, 'list-unsubscribe')).toEqual(['<http://localhost:8787/u/abc>']);
    expect(header(email, 'list-unsubscribe-post')).toEqual([]);
  });

  it('has no unsubscribe header or line when unsubscribe is null', async () => {
    const { raw } = await buildMessage(input({ unsubscribe: null }));
    const email = await parse(raw);
    expect(header(email, 'list-unsubscribe')).toEqual([]);
    expect(header(email, 'list-unsubscribe-post')).toEqual([]);
    expect(email.text).not.toContain('Unsubscribe');
    expect(email.html).not.toContain('Unsubscribe');
  });

  it("prints the sender's postal address beside the unsubscribe link in both parts", async () => {
    const { raw } = await buildMessage(input({ postalAddress: 'Acme Inc.\r\n1 Main Street\nSpringfield, IL 62701' }));
    const email = await parse(raw);
    expect(email.html).toContain(
      `Don't want these emails? <a href="${UNSUBSCRIBE_URL}" style="color:#777">Unsubscribe</a><br>Acme Inc.<br>1 Main Street<br>Springfield, IL 62701</p>`,
    );
    expect(email.text).toMatch(/Unsubscribe: \S+\nAcme Inc\.\n1 Main Street\nSpringfield, IL 62701\s*$/);
  });

  it('escapes the postal address in the HTML part and keeps it verbatim in the text part', async () => {
    const { raw } = await buildMessage(input({ postalAddress: 'Smith & "Sons" <b>Ltd</b>\n<script>alert(1)</script>' }));
    const email = await parse(raw);
    expect(email.html).toContain('Smith &amp; &quot;Sons&quot; &lt;b&gt;Ltd&lt;/b&gt;<br>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Ltd');
    expect(email.text).toContain('Smith & "Sons" <b>Ltd</b>\n<script>alert(1)</script>');
  });

  it('prints the postal address even when unsubscribe is off, and nothing when it is not set', async () => {
    const withAddress = await parse((await buildMessage(input({ unsubscribe: null, postalAddress: 'Acme Inc.\n1 Main Street' }))).raw);
    expect(withAddress.html).toContain('<p style="margin:24px 0 0;font-size:12px;color:#777">Acme Inc.<br>1 Main Street</p>');
    expect(withAddress.html).not.toContain('Unsubscribe');
    expect(withAddress.text).toMatch(/\n\nAcme Inc\.\n1 Main Street\s*$/);

    const textOnly = await parse((await buildMessage(input({ html: '', postalAddress: 'Acme Inc.' }))).raw);
    expect(textOnly.text).toMatch(/Unsubscribe: \S+\nAcme Inc\.\s*$/);

    for (const postalAddress of [null, undefined]) {
      const email = await parse((await buildMessage(input({ unsubscribe: null, postalAddress }))).raw);
      expect(email.html).not.toContain('<p style="margin:24px');
      expect(email.text).toMatch(/acme\.example \[https:\/\/acme\.example\]\s*$/);
    }
  });

  it('adds the open pixel at the end of the HTML body only when opens are tracked', async () => {
    const tracked = await parse(
      (await buildMessage(input({ html: '<html><body><p>Hi</p></body></html>', tracking: { openPixelUrl: PIXEL_URL, rewriteLink: null } }))).raw,
    );
    expect(tracked.html).toMatch(new RegExp(`<img src="${PIXEL_URL}" width="1" height="1" alt="" style="display:none;[^"]*"></body></html>\\s*$`));
    expect(tracked.text).not.toContain(PIXEL_URL);

    const untracked = await parse((await buildMessage(input())).raw);
    expect(untracked.html).not.toContain('<img');
  });

  it('rewrites only http(s) links of the body, in order, and returns their original URLs', async () => {
    const untouched = [
      '<a href="javascript:alert(1)">j</a>',
      '<a href="data:text/html;base64,PGI+aGk8L2I+">d</a>',
      '<a href="mailto:ana@example.com?subject=Hi&amp;body=Yo">m</a>',
      '<a href="#details">anchor</a>',
      '<a href=tel:+15550100>t</a>',
    ];
    const html =
      `<p><a href="https://acme.example/pricing?plan=pro&amp;ref=mail">one</a> ${untouched[0]} ` +
      `<a title=">" href='http://blog.acme.example/post'>two</a> ${untouched.slice(1).join(' ')} ` +
      `<a href=https://acme.example/c>three</a></p>`;
    const seen: [string, number][] = [];
    const { raw, links } = await buildMessage(
      input({
        html,
        tracking: {
          openPixelUrl: PIXEL_URL,
          rewriteLink: (url, index) => {
            seen.push([url, index]);
            return `https://iconnect.example/c/tok${index}?x=1&y=2`;
          },
        },
      }),
    );
    expect(links).toEqual(['https://acme.example/pricing?plan=pro&ref=mail', 'http://blog.acme.example/post', 'https://acme.example/c']);
    expect(seen).toEqual(links.map((url, i) => [url, i]));
    const email = await parse(raw);
    expect(email.html).toContain('<a href="https://iconnect.example/c/tok0?x=1&amp;y=2">one</a>');
    expect(email.html).toContain('<a title=">" href="https://iconnect.example/c/tok1?x=1&amp;y=2">two</a>');
    expect(email.html).toContain('<a href="https://iconnect.example/c/tok2?x=1&amp;y=2">three</a>');
    for (const link of untouched) expect(email.html).toContain(link);
    // The signature's link and the unsubscribe link are not rewritten.
    expect(email.html).toContain('<a href="https://acme.example">acme.example</a>');
    expect(email.html).toContain(`<a href="${UNSUBSCRIBE_URL}"`);
    expect(email.html).not.toContain('acme.example/pricing');
  });

  it('takes an async rewriteLink that signs a click token per link index', async () => {
    const signer = await createTrackingSigner(await deriveKey(new Uint8Array(32).fill(1), 'tracking'));
    const job = { jobId: 345, recipientId: 9_001, step: 1 };
    const { raw, links } = await buildMessage(
      input({
        html: '<a href="https://a.example/1">1</a> <a href="https://a.example/2">2</a>',
        tracking: {
          openPixelUrl: null,
          rewriteLink: async (_url, linkIndex) =>
            `https://iconnect.example/c/${await signTrackingToken(signer, { kind: 'click', ...job, linkIndex })}`,
        },
      }),
    );
    expect(links).toEqual(['https://a.example/1', 'https://a.example/2']);
    const tokens = [...((await parse(raw)).html ?? '').matchAll(/https:\/\/iconnect\.example\/c\/([\w-]+)/g)].map((m) => m[1] ?? '');
    expect(tokens).toHaveLength(2);
    for (const [linkIndex, token] of tokens.entries()) {
      expect(await verifyTrackingToken(signer, token, 'click')).toEqual({ kind: 'click', ...job, linkIndex });
    }
  });

  it('does not let CR/LF in the subject, name or addresses add a header', async () => {
    const { raw } = await buildMessage(
      input({
        subject: 'Hello\r\nBcc: victim@example.net\r\n\r\nbody',
        from: { email: 'ana@example.com', name: 'Ana\r\nBcc: victim@example.net' },
      }),
    );
    const binary = bytesOf(raw);
    const fields = headerFields(binary).map((field) => field.slice(0, field.indexOf(':')).toLowerCase());
    expect(fields).not.toContain('bcc');
    expect(new Set(fields).size).toBe(fields.length);
    const email = await parse(raw);
    expect(email.bcc).toBeUndefined();
    expect(email.subject).toBe('Hello Bcc: victim@example.net body');
    expect(email.from).toEqual({ name: 'Ana Bcc: victim@example.net', address: 'ana@example.com' });

    await expect(buildMessage(input({ to: 'bo@example.org\r\nBcc: victim@example.net' }))).rejects.toThrow(TypeError);
    await expect(buildMessage(input({ to: 'bo@example.org, victim@example.net' }))).rejects.toThrow(TypeError);
    await expect(buildMessage(input({ to: 'Bo <bo@example.org>' }))).rejects.toThrow(TypeError);
    await expect(buildMessage(input({ from: { email: 'ana@example.com\nBcc: x@example.net', name: '' } }))).rejects.toThrow(TypeError);
    await expect(buildMessage(input({ messageId: '<a@b>\r\nBcc: x@example.net' }))).rejects.toThrow(TypeError);
    await expect(buildMessage(input({ unsubscribe: { url: 'javascript:alert(1)' } }))).rejects.toThrow(TypeError);
    await expect(
      buildMessage(input({ unsubscribe: { url: UNSUBSCRIBE_URL, mailto: 'mailto:a@b>\r\nBcc: x@example.net' } })),
    ).rejects.toThrow(TypeError);
  });

  it('names no library: no X-Mailer, no nodemailer boundary, no Bcc or Auto-Submitted', async () => {
    const binary = bytesOf((await buildMessage(input())).raw);
    expect(binary).not.toMatch(/^X-Mailer:/im);
    expect(binary).not.toMatch(/^Bcc:/im);
    expect(binary).not.toMatch(/^Auto-Submitted:/im);
    expect(binary).not.toMatch(/nodemailer|NmP/i);
  });

  it('builds a 2 KB message with 5 tracked links in a few milliseconds', async () => {
    const paragraph = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6) + '</p>\n';
    const html = Array.from({ length: 5 }, (_, i) => `${paragraph}<p><a href="https://acme.example/p/${i}?a=1&amp;b=2">link ${i}</a></p>\n`).join('');
    const message = input({ html, tracking: { openPixelUrl: PIXEL_URL, rewriteLink: (_url, i) => `https://iconnect.example/c/tok${i}` } });
    expect(html.length).toBeGreaterThan(2000);
    for (let i = 0; i < 20; i++) await buildMessage(message); // warm up
    const runs = 100;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await buildMessage(message);
    const average = (performance.now() - started) / runs;
    console.info(`buildMessage: ${average.toFixed(3)} ms per message (2 KB HTML, 5 links)`);
    expect(average).toBeLessThan(25); // a sanity bound, not a benchmark
  });
});
