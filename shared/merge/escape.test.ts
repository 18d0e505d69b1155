import { describe, expect, it } from 'vitest';
import { encodeUrlComponent, escapeHtml, escapeHtmlInTag, stripLineBreaks } from './escape';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('returns the same string when nothing needs escaping', () => {
    const value = 'Éloïse Dupont, São Paulo';
    expect(escapeHtml(value)).toBe(value);
  });

  it('escapes an existing entity again: values are text, not markup', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('escapeHtmlInTag', () => {
  it('also turns whitespace, =, / and ` into character references', () => {
    expect(escapeHtmlInTag('1 onclick=alert(1)')).toBe('1&#32;onclick&#61;alert(1)');
    expect(escapeHtmlInTag('a\tb/c`d"e')).toBe('a&#9;b&#47;c&#96;d&quot;e');
  });
});

describe('encodeUrlComponent', () => {
  it('percent-encodes everything but RFC 3986 unreserved characters', () => {
    expect(encodeUrlComponent('Tom & Jerry / Co')).toBe('Tom%20%26%20Jerry%20%2F%20Co');
    expect(encodeUrlComponent(`it's (really) *fine*!`)).toBe('it%27s%20%28really%29%20%2Afine%2A%21');
    expect(encodeUrlComponent('a-b_c.d~e')).toBe('a-b_c.d~e');
  });

  it('encodes non-ASCII as UTF-8', () => {
    expect(encodeUrlComponent('São')).toBe('S%C3%A3o');
  });

  it('cannot produce a javascript: URL', () => {
    expect(encodeUrlComponent('javascript:alert(1)')).toBe('javascript%3Aalert%281%29');
  });

  it('replaces lone surrogates instead of throwing', () => {
    expect(encodeUrlComponent('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(encodeUrlComponent('\uDC00')).toBe('%EF%BF%BD');
  });
});

describe('stripLineBreaks', () => {
  it('turns each run of CR/LF (and Unicode line separators) into one space', () => {
    expect(stripLineBreaks('Hi\r\nBcc: victim@example.com')).toBe('Hi Bcc: victim@example.com');
    expect(stripLineBreaks('a\n\n\nb\rc\u2028d\u0085e')).toBe('a b c d e');
  });

  it('returns the same string when there is no line break', () => {
    expect(stripLineBreaks('A\ttab is fine')).toBe('A\ttab is fine');
  });
});
