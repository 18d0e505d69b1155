import { describe, expect, it } from 'vitest';
import { parseSettingsForm, type SettingsValues } from './settings-form';

const VALID: SettingsValues = {
  type: 'consumer',
  dailyLimit: '400',
  minGapSeconds: '60',
  maxGapSeconds: '180',
  timezone: 'Europe/Paris',
  fromName: '  Ada Lovelace ',
  signatureHtml: '<p>Ada</p>',
};

describe('parseSettingsForm', () => {
  it('reads the typed numbers and trims the from name', () => {
    expect(parseSettingsForm({ ...VALID, dailyLimit: ' 250 ' })).toEqual({
      ok: true,
      patch: { type: 'consumer', dailyLimit: 250, minGapSeconds: 60, maxGapSeconds: 180, timezone: 'Europe/Paris', fromName: 'Ada Lovelace', signatureHtml: '<p>Ada</p>' },
    });
  });

  it.each([
    ['', 'Enter a number'],
    ['ten', 'Enter a whole number'],
    ['12.5', 'Enter a whole number'],
    ['1e3', 'Enter a whole number'],
    ['0', 'At least 1'],
    ['2001', "At most 2000 (Google's own limit)"],
  ])('refuses a daily limit of %j: %s', (dailyLimit, message) => {
    expect(parseSettingsForm({ ...VALID, dailyLimit })).toEqual({ ok: false, errors: { dailyLimit: message } });
  });

  it('reports every field at once', () => {
    const result = parseSettingsForm({ ...VALID, minGapSeconds: '-1', maxGapSeconds: '86401', timezone: 'Nowhere', signatureHtml: 'x'.repeat(10_001) });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['maxGapSeconds', 'minGapSeconds', 'signatureHtml', 'timezone']);
  });
});
