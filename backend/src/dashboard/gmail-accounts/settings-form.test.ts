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
  warmupOn: '',
  warmupStart: '20',
  warmupIncrease: '20',
  warmupTarget: '500',
};

describe('parseSettingsForm', () => {
  it('reads the typed numbers and trims the from name', () => {
    expect(parseSettingsForm({ ...VALID, dailyLimit: ' 250 ' })).toEqual({
      ok: true,
      patch: { type: 'consumer', dailyLimit: 250, minGapSeconds: 60, maxGapSeconds: 180, timezone: 'Europe/Paris', fromName: 'Ada Lovelace', signatureHtml: '<p>Ada</p>', warmup: null },
    });
  });

  it('sends the warm-up ramp when ticked, and null (off) when not', () => {
    const on = parseSettingsForm({ ...VALID, warmupOn: 'on', warmupStart: '10', warmupIncrease: '5', warmupTarget: '300' });
    expect(on.ok && on.patch.warmup).toEqual({ startPerDay: 10, increasePerDay: 5, targetPerDay: 300 });
    expect(parseSettingsForm({ ...VALID, warmupStart: 'x' })).toMatchObject({ ok: true, patch: { warmup: null } });
  });

  it('names the warm-up box that is wrong', () => {
    expect(parseSettingsForm({ ...VALID, warmupOn: 'on', warmupStart: '0' })).toEqual({ ok: false, errors: { warmupStart: 'At least 1' } });
    expect(parseSettingsForm({ ...VALID, warmupOn: 'on', warmupIncrease: '1.5' })).toEqual({ ok: false, errors: { warmupIncrease: 'Enter a whole number' } });
    expect(parseSettingsForm({ ...VALID, warmupOn: 'on', warmupStart: '400', warmupTarget: '300' })).toEqual({ ok: false, errors: { warmupStart: 'The start cannot be above the target' } });
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
