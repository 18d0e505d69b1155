import { describe, expect, it } from 'vitest';
import { attachmentFilename } from './attachment-name';

describe('file names', () => {
  it('keeps a name as written, trimmed and in NFC', () => {
    expect(attachmentFilename('  Cafe\u0301 menu.pdf ')).toEqual({ ok: true, filename: 'Café menu.pdf' });
  });

  it.each([
    ['a/b.pdf', /\//], ['a\\b.pdf', /\\/], ['..', /\.\./], ['', /no name/], ['a\u0000.pdf', /control/], ['a\nb.pdf', /control/],
    ['x\u202Efdp.exe', /direction/], ['\uD800.pdf', /broken/], ['\uFFFD.pdf', /UTF-8/], ['é'.repeat(128), /256 bytes/],
  ])('refuses %j', (raw, message) => {
    const result = attachmentFilename(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
