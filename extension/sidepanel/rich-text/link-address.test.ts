import { describe, expect, it } from 'vitest';
import { isAllowedLinkAddress } from './link-address';

describe('isAllowedLinkAddress', () => {
  it('accepts web and mail links, and an address that starts with a merge tag', () => {
    for (const ok of ['https://x.test/offer?c={{company}}', 'http://x.test', 'mailto:ann@x.test', '{{website}}', 'HTTPS://X.TEST']) {
      expect(isAllowedLinkAddress(ok), ok).toBe(true);
    }
  });

  it('refuses scripts, data, other schemes and relative paths, however they are spelled', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.test', 'tel:123', '/offer', 'https://', '']) {
      expect(isAllowedLinkAddress(bad), bad).toBe(false);
    }
  });
});
