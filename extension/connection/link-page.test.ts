import { describe, expect, it, vi } from 'vitest';
import { isLinkPage, linkPageUrl, readLinkPage, type ScriptingApi } from './link-page';

describe('linkPageUrl', () => {
  it('puts the state and extension id in the query of the dashboard page', () => {
    expect(linkPageUrl('https://iconnect.example.com/base', 'abc-_', 'mjnp')).toBe(
      'https://iconnect.example.com/base/extension/link?state=abc-_&extension=mjnp',
    );
  });
});

describe('isLinkPage', () => {
  it.each([
    ['the page itself, after the post', 'http://127.0.0.1:8787/extension/link', 'http://127.0.0.1:8787', true],
    ['the page with its query', 'http://127.0.0.1:8787/extension/link?state=x', 'http://127.0.0.1:8787', true],
    ['a server under a path', 'https://a.example/iconnect/extension/link', 'https://a.example/iconnect', true],
    ['another port', 'http://127.0.0.1:9999/extension/link', 'http://127.0.0.1:8787', false],
    ['http for an https server', 'http://a.example/extension/link', 'https://a.example', false],
    ['another host', 'https://evil.example/extension/link', 'https://a.example', false],
    ['a look-alike host', 'https://a.example.evil.example/extension/link', 'https://a.example', false],
    ['another page of the server', 'https://a.example/login?next=/extension/link', 'https://a.example', false],
    ['a longer path', 'https://a.example/extension/link/more', 'https://a.example', false],
    ['not a URL', 'about:blank', 'https://a.example', false],
  ])('%s', (_name, url, serverUrl, expected) => {
    expect(isLinkPage(url, serverUrl)).toBe(expected);
  });
});

describe('readLinkPage', () => {
  it('runs the reader in the tab and checks its answer', async () => {
    const executeScript = vi.fn<ScriptingApi['executeScript']>(async () => [
      { result: { href: 'https://a.example/extension/link', token: 'ick_x', state: 's' } },
    ]);

    const reading = await readLinkPage({ executeScript }, 5);

    expect(reading).toEqual({ href: 'https://a.example/extension/link', token: 'ick_x', state: 's' });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 5 }, func: expect.any(Function), args: ['extension-token'] });
  });

  it('reads the element from a document', async () => {
    // The injected function on its own, against a minimal DOM.
    const executeScript = vi.fn<ScriptingApi['executeScript']>(async ({ func, args }) => {
      const output = { textContent: '  ick_token \n', getAttribute: (name: string) => (name === 'data-state' ? 'the-state' : null) };
      vi.stubGlobal('document', { getElementById: (id: string) => (id === args[0] ? output : null) });
      vi.stubGlobal('location', { href: 'https://a.example/extension/link' });
      try {
        return [{ result: func(...args) }];
      } finally {
        vi.unstubAllGlobals();
      }
    });

    expect(await readLinkPage({ executeScript }, 5)).toEqual({ href: 'https://a.example/extension/link', token: 'ick_token', state: 'the-state' });
  });

  it.each([
    ['a closed tab', () => Promise.reject(new Error('No tab with id: 5'))],
    ['no result', async () => []],
    ['a result of another shape', async () => [{ result: { token: 42 } }]],
  ])('answers undefined for %s', async (_name, executeScript) => {
    expect(await readLinkPage({ executeScript } as ScriptingApi, 5)).toBeUndefined();
  });
});
