import { describe, expect, it } from 'vitest';
import { quotaWords } from './account-quota';

describe('quotaWords', () => {
  it('says the units of the last minute against the budget, numbers through Intl', () => {
    expect(quotaWords({ unitsLastMinute: 1240, unitsPerMinute: 6000 })).toBe('Gmail API: 1,240 of 6,000 units in the last minute');
  });

  it('says when no budget is set, with the plural of the count', () => {
    expect(quotaWords({ unitsLastMinute: 1, unitsPerMinute: null })).toBe('Gmail API: 1 unit in the last minute (no per-minute budget set)');
    expect(quotaWords({ unitsLastMinute: 15000, unitsPerMinute: null })).toBe('Gmail API: 15,000 units in the last minute (no per-minute budget set)');
  });
});
