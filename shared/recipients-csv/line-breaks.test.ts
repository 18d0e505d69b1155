import { describe, expect, it } from 'vitest';
import { recordEnds } from './line-breaks';

describe('recordEnds', () => {
  it('ends records at CRLF, LF and a lone CR, never inside a quoted value', () => {
    const text = 'a,b\r\n1,"x\ny"\n2,z\r3,"w ""q"""';
    const ends = recordEnds(text, ',');
    expect(ends).toEqual([5, 13, 17, text.length]);
    const starts = [0, ...ends.slice(0, -1)];
    expect(starts.map((start, i) => text.slice(start, ends[i]))).toEqual(['a,b\r\n', '1,"x\ny"\n', '2,z\r', '3,"w ""q"""']);
  });
});
