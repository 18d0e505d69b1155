import { describe, expect, it } from 'vitest';
import { listCountText } from './suppression-words';

describe('suppression list counts', () => {
  it('says how many, with Intl plurals and grouping', () => {
    expect(listCountText(0, '', 'en')).toBe('No address on the list');
    expect(listCountText(1, '', 'en')).toBe('1 address on the list');
    expect(listCountText(1200, '', 'en')).toBe('1,200 addresses on the list');
  });

  it('says what the search matched', () => {
    expect(listCountText(0, 'acme', 'en')).toBe('No address matches “acme”');
    expect(listCountText(1, 'acme', 'en')).toBe('1 address matches “acme”');
    expect(listCountText(2, 'acme', 'en')).toBe('2 addresses match “acme”');
  });
});
