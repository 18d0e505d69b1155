import { describe, expect, it } from 'vitest';
import { addressCharacterProblem, codePoint, isWellFormedText, multiLineTextProblem, singleLineTextProblem, wellFormedTextProblem } from './unicode-text';

const BROKEN = 'contains a broken character (a lone UTF-16 surrogate)';

describe('isWellFormedText and wellFormedTextProblem', () => {
  it.each([['plain'], [''], ['Ünïcödé ✓'], ['an emoji 😀 (a surrogate pair)'], ['\uFFFD']])('accepts %j', (text) => {
    expect(isWellFormedText(text)).toBe(true);
    expect(wellFormedTextProblem(text)).toBeNull();
  });

  it.each([['f\ud800'], ['\udc00 low first'], ['a high at the end \ud83d'], ['reversed pair \ude00\ud83d']])('refuses a lone surrogate in %j', (text) => {
    expect(isWellFormedText(text)).toBe(false);
    expect(wellFormedTextProblem(text)).toBe(BROKEN);
  });
});

describe('singleLineTextProblem', () => {
  it.each([['Spring launch'], ['Tab\tseparated'], ['Prénom 😀'], ['\u00A0no-break space'], ['']])('accepts %j', (text) => {
    expect(singleLineTextProblem(text)).toBeNull();
  });

  it.each([
    ['Before\u0000After', 'U+0000'],
    ['line\nbreak', 'U+000A'],
    ['carriage\rreturn', 'U+000D'],
    ['escape \u001B[31m', 'U+001B'],
    ['delete\u007F', 'U+007F'],
    ['next line\u0085', 'U+0085'],
    ['line\u2028separator', 'U+2028'],
    ['paragraph\u2029separator', 'U+2029'],
  ])('refuses %j naming %s', (text, point) => {
    expect(singleLineTextProblem(text)).toBe(`contains a control character (${point})`);
  });

  it('names a lone surrogate as broken before anything else', () => {
    expect(singleLineTextProblem('\u0000\ud800')).toBe(BROKEN);
  });
});

describe('multiLineTextProblem', () => {
  it.each([['<p>Hello</p>\r\n<p>again</p>'], ['tab\there'], ['line\u2028separator is text in a body']])('accepts %j', (text) => {
    expect(multiLineTextProblem(text)).toBeNull();
  });

  it.each([
    ['NUL\u0000inside', 'U+0000'],
    ['vertical\u000Btab', 'U+000B'],
    ['form\u000Cfeed', 'U+000C'],
    ['bell\u0007', 'U+0007'],
    ['C1\u009B', 'U+009B'],
  ])('refuses %j naming %s', (text, point) => {
    expect(multiLineTextProblem(text)).toBe(`contains a control character (${point})`);
  });

  it('refuses a lone surrogate', () => {
    expect(multiLineTextProblem('v\udfff')).toBe(BROKEN);
  });
});

describe('addressCharacterProblem', () => {
  it.each([['ada@example.com'], ['jürgen@müller.de'], ['Ada Lovelace <ada@example.com>']])('accepts %j', (address) => {
    expect(addressCharacterProblem(address)).toBeNull();
  });

  it.each([
    ['ada\u202E@example.com', 'U+202E'],
    ['ada\u202A@example.com', 'U+202A'],
    ['ada@exa\u2066mple.com', 'U+2066'],
    ['ada@example.com\u2069', 'U+2069'],
    ['ad\u200Ba@example.com', 'U+200B'],
    ['ad\u200Da@example.com', 'U+200D'],
    ['ada\u2060@example.com', 'U+2060'],
    ['\uFEFFada@example.com', 'U+FEFF'],
    ['ada\u200F@example.com', 'U+200F'],
    ['ada\u061C@example.com', 'U+061C'],
  ])('refuses the invisible or direction-changing %j (%s)', (address, point) => {
    expect(addressCharacterProblem(address)).toBe(`The address contains an invisible or direction-changing character (${point})`);
  });

  it.each([
    ['ada\u0085@example.com', 'U+0085'],
    ['ada\u2028@example.com', 'U+2028'],
    ['ada\u0000@example.com', 'U+0000'],
  ])('refuses the control %j (%s)', (address, point) => {
    expect(addressCharacterProblem(address)).toBe(`The address contains a control character (${point})`);
  });

  it('refuses a lone surrogate', () => {
    expect(addressCharacterProblem('ok\ud800@example.net')).toBe(`The address ${BROKEN}`);
  });
});

describe('codePoint', () => {
  it('writes U+ notation, padded to four digits, whole code points beyond the BMP', () => {
    expect(codePoint('\u0000')).toBe('U+0000');
    expect(codePoint('\u202E')).toBe('U+202E');
    expect(codePoint('😀')).toBe('U+1F600');
  });
});
