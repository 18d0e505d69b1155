import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../lib/seeded-random';
import { decodeCsvFile } from './decode-csv-file';

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvFile', () => {
  it('decodes UTF-8, dropping a byte-order mark', () => {
    expect(bytesOf('bom.csv').subarray(0, 3)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]));
    expect(decodeCsvFile(bytesOf('bom.csv'))).toEqual({ ok: true, text: 'Email,First name\nada@example.com,Ada\ngrace@example.com,Grace\n' });
    expect(decodeCsvFile(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  it('keeps a file whose values hold a stray NUL: the row is refused later, not the file', () => {
    const decoded = decodeCsvFile(utf8('email,notes\nada@example.com,"a\u0000b"\ngrace@example.com,fine\n'));
    expect(decoded).toEqual({ ok: true, text: 'email,notes\nada@example.com,"a\u0000b"\ngrace@example.com,fine\n' });
  });

  it('answers not-text for an image, an executable and random bytes', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    const elf = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0, 0x40, 0x10, 0, 0]);
    const random = seededRandom(12);
    const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    for (const bytes of [png, elf, noise]) expect(decodeCsvFile(bytes)).toEqual({ ok: false, error: 'not-text' });
  });

  it('answers not-text for UTF-16 without a byte-order mark, little- or big-endian', () => {
    const le = new Uint8Array(Buffer.from('email,name\nada@example.com,Ada\n', 'utf16le'));
    const be = le.slice();
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(decodeCsvFile(le)).toEqual({ ok: false, error: 'not-text' });
    expect(decodeCsvFile(be)).toEqual({ ok: false, error: 'not-text' });
  });

  it('answers invalid-utf8 for text in another encoding, saying when it is UTF-16', () => {
    expect(decodeCsvFile(Uint8Array.from([...utf8('email,name\nada@example.com,'), 0xc9, 0x6c, 0xe9, 0x6e, 0x61, 0x0a]))).toEqual({ ok: false, error: 'invalid-utf8', encoding: 'unknown' });
    const withBom = new Uint8Array(Buffer.from('\uFEFFemail,name\nada@example.com,Ada\n', 'utf16le'));
    expect(decodeCsvFile(withBom)).toEqual({ ok: false, error: 'invalid-utf8', encoding: 'utf-16' });
  });
});
