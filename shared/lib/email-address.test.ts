import { describe, expect, it } from 'vitest';
import { checkEmailAddress } from './email-address';

describe('checkEmailAddress', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace+news@Example.CO.UK ', 'Ada.Lovelace+news@Example.CO.UK'],
    ['Ada Lovelace <ada@example.com>', 'ada@example.com'],
    ['<ada@example.com>', 'ada@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['jürgen@müller.de', 'jürgen@müller.de'],
  ])('accepts %s', (raw, email) => {
    expect(checkEmailAddress(raw)).toEqual({ ok: true, email, key: email.toLowerCase() });
  });

  it.each([
    ['', 'The address is empty'],
    ['ada.example.com', 'The address has no @'],
    ['ada@example', 'The domain has no dot'],
    ['ada lovelace@example.com', 'The address contains a space'],
    ['ada@@example.com', 'The address is not valid'],
    ['.ada@example.com', 'The address is not valid'],
    ['ada..l@example.com', 'The address is not valid'],
    ['ada@-example.com', 'The address is not valid'],
    ['ada@example.c', 'The address is not valid'],
    [`${'a'.repeat(65)}@example.com`, 'The part before @ is longer than 64 characters'],
    [`a@${'b'.repeat(250)}.com`, 'The address is longer than 254 characters'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(checkEmailAddress(raw)).toEqual({ ok: false, reason });
  });

  // Issue 12: the grammar takes any non-ASCII letter, so these passed it and reached `To:` raw.
  it.each([
    ['ada\u202E@example.com', 'The address contains an invisible or direction-changing character (U+202E)'],
    ['ad\u200Ba@example.com', 'The address contains an invisible or direction-changing character (U+200B)'],
    ['ada@exam\u2067ple.com', 'The address contains an invisible or direction-changing character (U+2067)'],
    ['ada\u0085@example.com', 'The address contains a control character (U+0085)'],
    ['ada\u2028x@example.com', 'The address contains a control character (U+2028)'],
    ['Ada \u202E <ada@example.com>', 'The address contains an invisible or direction-changing character (U+202E)'],
    ['ok\ud800@example.net', 'The address contains a broken character (a lone UTF-16 surrogate)'],
  ])('refuses %j with the reason, before the grammar', (raw, reason) => {
    expect(checkEmailAddress(raw)).toEqual({ ok: false, reason });
  });
});
