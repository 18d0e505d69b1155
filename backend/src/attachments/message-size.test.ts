import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../sending/message/build-message';
import { encodedBodyBytes, encodedFileBytes, largestMessageBytes, tooLargeForGmail } from './message-size';

/** A message with these bodies and no files, as the engine builds it. */
function bodyOnly(html: string, text: string) {
  return buildMessage({
    from: { email: 'a@example.com', name: 'Ana' }, to: 'b@example.org', subject: 'Счёт', html, text, signatureHtml: '',
    messageId: '<cmp_1.2.0@iconnect.example>', date: new Date('2026-12-03T10:00:00Z'), unsubscribe: null,
    tracking: { openPixelUrl: null, rewriteLink: null },
  });
}

const MB = 1024 * 1024;

describe('the size rule', () => {
  it('never counts a message smaller than MailComposer makes it', async () => {
    const content = new Uint8Array(1.5 * MB).fill(200);
    const html = '<p>Hello, this is the body.</p>';
    const built = await buildMessage({
      from: { email: 'a@example.com', name: 'Ana' }, to: 'b@example.org', subject: 'Files', html, text: 'Hello', signatureHtml: '',
      messageId: '<cmp_1.2.0@iconnect.example>', date: new Date('2026-12-03T10:00:00Z'), unsubscribe: null,
      tracking: { openPixelUrl: null, rewriteLink: null },
      attachments: [
        { filename: 'Año 2026 – informe.pdf', contentType: 'application/pdf', content },
        { filename: 'b.bin', contentType: 'application/octet-stream', content: content.subarray(0, MB) },
      ],
    });
    const counted = largestMessageBytes(encodedBodyBytes([{ subject: 'Files', html, text: 'Hello' }]), [
      { filename: 'Año 2026 – informe.pdf', size: content.length, shared: true },
      { filename: 'b.bin', size: MB, shared: true },
    ]);
    expect(counted).toBeGreaterThanOrEqual(built.bytes.length);
    // And not far above: within 1% plus the headers' allowance.
    expect(counted - built.bytes.length).toBeLessThan(built.bytes.length * 0.01 + 16 * 1024);
  });

  it('never counts a Cyrillic body with ASCII markup smaller than it is sent (quoted-printable: 3 bytes a byte)', async () => {
    // Mostly Latin (the markup), so MailComposer picks quoted-printable, and each Cyrillic byte takes 3.
    const row = '<tr><td class="name" style="padding:4px">Счёт-фактура № 42 = оплачено</td><td class="total">100 000 ₽</td></tr>\n';
    const html = `<table>${row.repeat(Math.ceil(294_000 / Buffer.byteLength(row)))}</table>`;
    const text = html.replace(/<[^>]+>/g, ' ');
    const built = await bodyOnly(html, text);
    expect(encodedBodyBytes([{ subject: 'Счёт', html, text }])).toBeGreaterThanOrEqual(built.bytes.length);
  });

  it('never counts a body smaller than it is sent, whatever mix of ASCII, "=", Cyrillic, emoji, spaces and line breaks', async () => {
    const piece = fc.constantFrom('a', 'Hello world. ', '=', '==3D', ' ', '\t', '\n', '\r\n', ' \n', 'Привет', 'ж', '😀', '<p class="x">', 'é', '\u0001');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.array(piece, { maxLength: 60 }), async (htmlPieces, textPieces) => {
        // Repeated up to ~64 KB, so the bodies, not the headers' allowance, decide.
        const grow = (pieces: string[]) => { const once = pieces.join(''); return once.repeat(Math.max(1, Math.floor(64_000 / Math.max(1, Buffer.byteLength(once))))); };
        const html = grow(htmlPieces);
        const text = textPieces.length === 0 ? '' : grow(textPieces);
        const built = await bodyOnly(html, text);
        expect(encodedBodyBytes([{ subject: 'Счёт', html, text }])).toBeGreaterThanOrEqual(built.bytes.length);
      }),
      { numRuns: 40, seed: 18 },
    );
  }, 60_000);

  it('counts shared files for every message and only the largest per-recipient file', () => {
    const one = encodedFileBytes(MB, 'a');
    expect(largestMessageBytes(0, [{ filename: 'a', size: MB, shared: true }, { filename: 'a', size: MB, shared: false }, { filename: 'a', size: MB, shared: false }])).toBe(2 * one);
  });

  it('words the refusal with the figures, and says "over" when the figure rounds to the limit', () => {
    expect(tooLargeForGmail(27.4 * MB, 'each')).toBe("This file would make each message 27.4 MB; Gmail's limit is 25 MB.");
    expect(tooLargeForGmail(25 * MB + 10, 'carrying')).toBe("This file would make the messages that carry it over 25 MB; Gmail's limit is 25 MB.");
    expect(tooLargeForGmail(25 * MB, 'each')).toBeNull();
  });
});
