import { describe, expect, it } from 'vitest';
import { normaliseLineBreaks, recordBreaks, recordEnds, recordSlices } from './line-breaks';

describe('recordEnds', () => {
  it('ends records at CRLF, LF and a lone CR, never inside a quoted value', () => {
    const text = 'a,b\r\n1,"x\ny"\n2,z\r3,"w ""q"""';
    const ends = recordEnds(text, ',');
    expect(ends).toEqual([5, 13, 17, text.length]);
    const starts = [0, ...ends.slice(0, -1)];
    expect(starts.map((start, i) => text.slice(start, ends[i]))).toEqual(['a,b\r\n', '1,"x\ny"\n', '2,z\r', '3,"w ""q"""']);
  });
});

describe('recordBreaks', () => {
  it('finds each break once, a CRLF at its CR, and none inside quotes or after an unclosed one', () => {
    expect([...recordBreaks('a,"x\ny"\r\nb\rc', ',')]).toEqual([7, 10]);
    expect([...recordBreaks('a;"b\r\n;c"\nd;"open\r\nrest', ';')]).toEqual([9]);
    expect([...recordBreaks('', ',')]).toEqual([]);
  });

  it('is the one reading the slicer, the record ends and the normaliser agree on', () => {
    const text = 'Email,Note\r\na@x.io,"one\r\ntwo"\r\n\r\nb@x.io,"x"\rc@x.io,""""\nd@x.io,plain\r\n';
    const breaks = [...recordBreaks(text, ',')];
    expect(recordEnds(text, ',')).toEqual(breaks.map((at) => (text.slice(at, at + 2) === '\r\n' ? at + 2 : at + 1)));
    for (const [, to] of [...recordSlices(text, ',', 1)].slice(0, -1)) expect(breaks).toContain(to);
    expect(normaliseLineBreaks(text, ',')).toBe('Email,Note\na@x.io,"one\r\ntwo"\n\nb@x.io,"x"\nc@x.io,""""\nd@x.io,plain\n');
  });
});
