import { describe, expect, it } from 'vitest';
import { JsonEntries, percentEncode, RawJson, Ref, toJsonText, wtf8Bytes } from '../../support/fuzz/raw-json';

/** The fuzz suite's encoders send exactly the hostile bytes they claim to. */
describe('raw JSON for the fuzz suite', () => {
  it('keeps a lone surrogate as an escape, a __proto__ key and a repeated key as members, raw text as written', () => {
    const body = new JsonEntries([
      ['__proto__', 'x'],
      ['name', 'a\uD800'],
      ['name', new RawJson('1e400')],
      ['account', new Ref('accountId')],
      ['left out', undefined],
    ]);
    expect(toJsonText(body, { accountId: 'acc_1' })).toBe('{"__proto__":"x","name":"a\\ud800","name":1e400,"account":"acc_1"}');
  });

  it('writes a lone surrogate as the bytes no UTF-8 decoder accepts, and percent-encodes them without throwing', () => {
    expect([...wtf8Bytes('a\uD800😀')]).toEqual([0x61, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(wtf8Bytes('\uDFFF'))).toThrow();
    expect(percentEncode('a b/\uD800~')).toBe('a%20b%2F%ED%A0%80~');
  });
});
