import { describe, expect, it } from 'vitest';
import { hostPermissionFor, normaliseServerUrl, tokensPageUrl } from './server-url';

describe('normaliseServerUrl', () => {
  it.each([
    ['http://localhost:8787', 'http://localhost:8787'],
    ['  http://localhost:8787/  ', 'http://localhost:8787'],
    ['localhost:8787', 'http://localhost:8787'],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['mail.example.com', 'https://mail.example.com'],
    ['HTTPS://Mail.Example.com/iconnect/', 'https://mail.example.com/iconnect'],
    ['https://mail.example.com/?x=1#top', 'https://mail.example.com'],
    ['https://mail.example.com:443', 'https://mail.example.com'],
  ])('turns %j into %j', (input, expected) => {
    expect(normaliseServerUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['nothing', '   '],
    ['another scheme', 'ftp://example.com'],
    ['a javascript URL', 'javascript://alert(1)'],
    ['credentials', 'https://user:pass@example.com'],
    ['garbage', 'http://exa mple.com'],
  ])('refuses %s with a readable message', (_name, input) => {
    const result = normaliseServerUrl(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-url' } });
  });
});

describe('hostPermissionFor', () => {
  it('needs nothing for a server on this machine over http', () => {
    expect(hostPermissionFor('http://localhost:8787')).toBeNull();
    expect(hostPermissionFor('http://127.0.0.1:9000')).toBeNull();
  });

  it('asks for that one host, on every port, otherwise', () => {
    expect(hostPermissionFor('https://mail.example.com:8443/iconnect')).toBe('https://mail.example.com/*');
    expect(hostPermissionFor('https://localhost:8787')).toBe('https://localhost/*');
    expect(hostPermissionFor('http://192.168.1.20:8787')).toBe('http://192.168.1.20/*');
  });
});

describe('tokensPageUrl', () => {
  it("points at the dashboard's API tokens page", () => {
    expect(tokensPageUrl('https://mail.example.com/iconnect')).toBe('https://mail.example.com/iconnect/tokens');
  });
});
