import { describe, expect, it } from 'vitest';
import { consentFieldState } from './consent-field-state';

describe('consentFieldState', () => {
  it('finds the column the way merge tags match fields, and names it as imported', () => {
    expect(consentFieldState(['Name', 'Tracking  Consent'], ' tracking consent')).toEqual({ kind: 'column', column: 'Tracking  Consent' });
  });

  it('says a column no longer among the imported ones is missing', () => {
    expect(consentFieldState(['Name'], 'Tracking consent')).toEqual({ kind: 'missing' });
    expect(consentFieldState([], 'Tracking consent')).toEqual({ kind: 'missing' });
  });

  it('says whether there are columns to choose from when none is picked', () => {
    expect(consentFieldState([], null)).toEqual({ kind: 'everyone', columns: false });
    expect(consentFieldState(['Name'], null)).toEqual({ kind: 'everyone', columns: true });
  });
});
