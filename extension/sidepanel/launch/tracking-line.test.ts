import { describe, expect, it } from 'vitest';
import { trackingLine } from './tracking-line';

const both = { opens: true, clicks: true };

describe('trackingLine', () => {
  it('says how many of the recipients are tracked and why the others are not', () => {
    const tracking = { mode: 'on' as const, consentField: 'Tracking consent', tracked: 2, withoutConsent: 1, optedOut: 0 };
    expect(trackingLine(tracking, both, 3)).toBe('Opens and clicks tracked for 2 of 3 recipients (1 without consent in “Tracking consent”, 0 asked not to be tracked)');
  });

  it('uses the singular for one recipient and groups large numbers (Intl)', () => {
    expect(trackingLine({ mode: 'on', consentField: null, tracked: 1, withoutConsent: 0, optedOut: 0 }, both, 1)).toBe(
      'Opens and clicks tracked for 1 of 1 recipient (0 asked not to be tracked)',
    );
    expect(trackingLine({ mode: 'on', consentField: null, tracked: 11999, withoutConsent: 0, optedOut: 1 }, { opens: true, clicks: false }, 12000)).toBe(
      'Opens tracked for 11,999 of 12,000 recipients (1 asked not to be tracked)',
    );
  });

  it('says tracking is off when the server runs with TRACKING=off, whatever the campaign asks', () => {
    expect(trackingLine({ mode: 'off', consentField: 'Consent', tracked: 0, withoutConsent: 0, optedOut: 0 }, both, 3)).toBe(
      'Tracking is off on this server: no pixel, links untouched',
    );
  });

  it('says no one is tracked when the server needs consent and the campaign names no column', () => {
    expect(trackingLine({ mode: 'consent', consentField: null, tracked: 0, withoutConsent: 3, optedOut: 0 }, both, 3)).toBe(
      'No one will be tracked: this server needs a consent column (TRACKING=consent)',
    );
  });

  it('says so when the campaign counts neither opens nor clicks', () => {
    expect(trackingLine({ mode: 'on', consentField: null, tracked: 0, withoutConsent: 0, optedOut: 0 }, { opens: false, clicks: false }, 3)).toMatch(/^This campaign counts neither opens nor clicks/);
  });
});
