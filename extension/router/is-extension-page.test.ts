import { describe, expect, it } from 'vitest';
import { isExtensionPage } from './is-extension-page';

const extension = { id: 'mjnpgoahphiokkmbakhebijcbljooiap', baseUrl: 'chrome-extension://mjnpgoahphiokkmbakhebijcbljooiap/' };

describe('isExtensionPage', () => {
  it('trusts our side panel', () => {
    expect(isExtensionPage({ id: extension.id, url: `${extension.baseUrl}sidepanel.html` }, extension)).toBe(true);
  });

  it('refuses our own content script, which carries the web page URL', () => {
    expect(isExtensionPage({ id: extension.id, url: 'https://mail.google.com/mail/u/0/' }, extension)).toBe(false);
  });

  it('refuses another extension, even at a look-alike URL', () => {
    expect(isExtensionPage({ id: 'other', url: `${extension.baseUrl}sidepanel.html` }, extension)).toBe(false);
    expect(
      isExtensionPage({ id: extension.id, url: 'chrome-extension://mjnpgoahphiokkmbakhebijcbljooiapx/sidepanel.html' }, extension),
    ).toBe(false);
  });

  it('refuses a sender without a URL', () => {
    expect(isExtensionPage({ id: extension.id }, extension)).toBe(false);
  });

  it('insists on a base URL with a trailing slash, which makes the prefix check exact', () => {
    expect(() => isExtensionPage({ id: 'x', url: 'y' }, { id: 'x', baseUrl: 'chrome-extension://x' })).toThrow();
  });
});
