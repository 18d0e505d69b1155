import { describe, expect, it } from 'vitest';
import { hostPermissionFor, isLoopbackHost, normaliseServerUrl, tokensPageUrl } from './server-url';

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
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
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

  it('says what is wrong with a host name no server can have, which the URL parser lets through (issue 14)', () => {
    expect(normaliseServerUrl('https://exa!mple.com')).toEqual({
      ok: false,
      error: {
        code: 'invalid-url',
        message: '"https://exa!mple.com" is not a web address: a server name has only letters, digits, dots and hyphens. Try something like https://iconnect.example.com.',
      },
    });
    expect(normaliseServerUrl('ex*ample.com')).toMatchObject({ ok: false, error: { message: expect.stringContaining('only letters, digits, dots and hyphens') } });
  });
});

describe('the API token never travels in clear (issue 12)', () => {
  it.each([
    'http://192.168.1.20:8787',
    'http://iconnect.example.com',
    'http://localhost.example.com:8787',
    'http://127.0.0.1.nip.io:8787',
    'http://[::ffff:127.0.0.1]:8787',
    'http://10.0.0.5/iconnect',
  ])('refuses plain http to %s, saying the token would be unencrypted', (input) => {
    const result = normaliseServerUrl(input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-url', message: expect.stringMatching(/not encrypted.*https:\/\//) } });
  });

  it('allows plain http on this computer, the scheme typed or not', () => {
    for (const [input, expected] of [
      ['http://127.0.0.2:8787', 'http://127.0.0.2:8787'],
      ['127.1.2.3:9000', 'http://127.1.2.3:9000'],
      ['[::1]:8787', 'http://[::1]:8787'],
      ['http://[::1]:8787/iconnect', 'http://[::1]:8787/iconnect'],
      ['HTTP://LOCALHOST', 'http://localhost'],
    ]) {
      expect(normaliseServerUrl(input!), input).toEqual({ ok: true, value: expected });
    }
  });

  it('counts only localhost, 127.0.0.0/8 and [::1] as this computer', () => {
    expect(['localhost', '127.0.0.1', '127.255.0.9', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.', 'mylocalhost', '128.0.0.1', '[::2]', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
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
