import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecipientsCsv, readRecipientsCsvInSlices } from './index';
import { recordSlices } from './line-breaks';

/** Every fixture, plus files that put quotes, blank lines and mixed breaks right at the cuts. */
const fixtures = readdirSync(new URL('./fixtures/', import.meta.url)).map((name) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url))),
}));
const made = [
  'Email,Note\r\na@x.io,"one\r\ntwo"\r\n\r\nb@x.io,"x"\rc@x.io,""""\nd@x.io,plain\r\n',
  'Email;Note\n"a@x.io";"semi;colon"\n\n\nb@x.io;"open\n',
  'Email,Note\na@x.io,"bad"quote\nb@x.io,ok\n',
  '\n\nEmail\nA@x.io\na@x.io\nnot-an-address\n',
].map((text, i) => ({ name: `made-${i}`, bytes: new TextEncoder().encode(text) }));

describe('readRecipientsCsvInSlices', () => {
  for (const { name, bytes } of [...fixtures, ...made]) {
    it(`answers exactly what the one-piece reader answers for ${name}, however small the slices`, async () => {
      const whole = readRecipientsCsv(bytes, { maxRows: 1000 });
      for (const chars of [1, 2, 7, 64]) {
        let pauses = 0;
        const sliced = await readRecipientsCsvInSlices(bytes, { maxRows: 1000 }, { pause: async () => void pauses++, slice: { chars, rows: 2 } });
        expect(sliced).toEqual(whole);
        if (whole.ok && bytes.length > 64) expect(pauses).toBeGreaterThan(1);
      }
    });
  }

  it('refuses a file over the row limit and a binary file as before', async () => {
    const pause = async () => {};
    const rows = 'Email\n' + Array.from({ length: 11 }, (_, i) => `p${i}@x.io`).join('\n');
    expect(await readRecipientsCsvInSlices(new TextEncoder().encode(rows), { maxRows: 10 }, { pause, slice: { chars: 5, rows: 3 } })).toEqual({
      ok: false,
      error: 'too-many-rows',
      rows: 11,
      maxRows: 10,
    });
    expect(await readRecipientsCsvInSlices(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), { maxRows: 10 }, { pause })).toEqual({ ok: false, error: 'not-text' });
  });
});

describe('recordSlices', () => {
  it('cuts only between records, never inside a quoted value, and covers the whole file', () => {
    const text = 'a,b\r\n1,"x\r\ny"\n2,z\r3,w\n';
    const slices = [...recordSlices(text, ',', 1)];
    expect(slices).toEqual([
      [0, 3],
      [5, 13],
      [14, 17],
      [18, 22],
    ]);
    expect([...recordSlices(text, ',', 1000)]).toEqual([[0, text.length]]);
  });
});
