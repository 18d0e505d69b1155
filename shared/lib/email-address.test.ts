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
});
