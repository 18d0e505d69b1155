import { describe, expect, it } from 'vitest';
import { filterQuery, isFiltered, matchCountText, stateLabel } from './recipient-filter';

describe('recipient filter', () => {
  it('sends only what is set, the search trimmed', () => {
    expect(filterQuery({ q: '  acme ', status: '' })).toEqual({ q: 'acme' });
    expect(filterQuery({ q: '   ', status: 'pending' })).toEqual({ status: 'pending' });
    expect(isFiltered({ q: ' ', status: '' })).toBe(false);
  });

  it('calls pending "Waiting", as the filter does', () => {
    expect(stateLabel('pending')).toBe('Waiting');
    expect(stateLabel('unsubscribed')).toBe('Unsubscribed');
  });

  it('counts matches with Intl plurals and grouping', () => {
    expect(matchCountText(0, 'en')).toBe('No recipient matches');
    expect(matchCountText(1, 'en')).toBe('1 recipient matches');
    expect(matchCountText(50_000, 'en')).toBe('50,000 recipients match');
  });
});
