import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps a path on this server with its query', () => {
    expect(safeNextPath('/tokens?x=1')).toBe('/tokens?x=1');
  });

  it.each([
    ['//evil.example', 'protocol-relative URL'],
    ['/\\evil.example', 'backslash read as a slash'],
    ['/\t/evil.example', 'tab dropped by the URL parser'],
    ['https://evil.example/', 'absolute URL'],
    ['javascript:alert(1)', 'script URL'],
    ['tokens', 'relative path'],
    ['', 'empty'],
    [undefined, 'missing'],
  ])('falls back to home for %j (%s)', (value, _reason) => {
    expect(safeNextPath(value)).toBe('/');
  });

  it('builds the sign-in path, leaving out next for home', () => {
    expect(loginPathFor('/tokens')).toBe('/login?next=%2Ftokens');
    expect(loginPathFor('/')).toBe('/login');
  });
});
