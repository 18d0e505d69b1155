import { describe, expect, it } from 'vitest';
import { normaliseFields } from '../../../shared/merge';
import { campaignTracking, recipientTracking } from './tracking-decision';

const campaign = (overrides: Partial<{ trackOpens: boolean; trackClicks: boolean; trackingConsentField: string | null }> = {}) => ({
  trackOpens: true,
  trackClicks: true,
  trackingConsentField: null,
  ...overrides,
});
const notOptedOut = async () => false;

describe('who is tracked', () => {
  it('tracks nobody with TRACKING=off, whatever the campaign says', () => {
    expect(campaignTracking('off', campaign())).toBeNull();
    expect(campaignTracking('off', campaign({ trackingConsentField: 'Consent' }))).toBeNull();
  });

  it('tracks nobody with TRACKING=consent when the campaign names no consent field', () => {
    expect(campaignTracking('consent', campaign())).toBeNull();
    expect(campaignTracking('consent', campaign({ trackingConsentField: 'Consent' }))).toEqual({ opens: true, clicks: true, consentField: 'consent' });
  });

  it('follows the campaign with TRACKING=on, and tracks nothing when it counts neither opens nor clicks', () => {
    expect(campaignTracking('on', campaign({ trackClicks: false }))).toEqual({ opens: true, clicks: false, consentField: null });
    expect(campaignTracking('on', campaign({ trackOpens: false, trackClicks: false }))).toBeNull();
  });

  it('tracks only recipients whose consent field means yes, the field named as merge tags compare names', async () => {
    const policy = campaignTracking('on', campaign({ trackingConsentField: '  Tracking   CONSENT ' }));
    const reason = (fields: Record<string, string>) => recipientTracking(policy, normaliseFields(fields), notOptedOut);
    for (const yes of ['Oui', ' YES ', 'sí', 'y', 'true', '1', 'ja']) expect(await reason({ 'Tracking consent': yes }), yes).toBeNull();
    for (const no of ['no', '', '   ', 'si', 'maybe', 'yes please']) expect(await reason({ 'Tracking consent': no }), no).toBe('no-consent');
    expect(await reason({ Name: 'Ann' })).toBe('no-consent');
  });

  it('asks about an opt-out only for someone who would otherwise be tracked', async () => {
    let asked = 0;
    const optedOut = async () => {
      asked++;
      return true;
    };
    const policy = campaignTracking('on', campaign({ trackingConsentField: 'Consent' }));
    expect(await recipientTracking(policy, normaliseFields({ Consent: 'no' }), optedOut)).toBe('no-consent');
    expect(await recipientTracking(null, normaliseFields({}), optedOut)).toBe('campaign');
    expect(asked).toBe(0);
    expect(await recipientTracking(policy, normaliseFields({ Consent: 'yes' }), optedOut)).toBe('opted-out');
    expect(asked).toBe(1);
  });
});
