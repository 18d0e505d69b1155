import { describe, expect, it } from 'vitest';
import { abTestSentence } from './ab-test-sentence';
import { addVariant, hasText, removeVariant, variantOf } from './variant-draft';

const step = { subject: 'A subject', html: '<p>A</p>', variants: [{ subject: 'B subject', html: '<p>B</p>' }] };

describe('a step’s variants in the editor', () => {
  it('adds a copy of A to change from, and removes any, B becoming A when A goes', () => {
    expect(addVariant(step).variants).toEqual([{ subject: 'B subject', html: '<p>B</p>' }, { subject: 'A subject', html: '<p>A</p>' }]);
    expect(removeVariant(step, 1)).toEqual({ subject: 'A subject', html: '<p>A</p>', variants: [] });
    expect(removeVariant(step, 0)).toEqual({ subject: 'B subject', html: '<p>B</p>', variants: [] });
    expect(variantOf(step, 1)).toEqual({ subject: 'B subject', html: '<p>B</p>' });
  });

  it('asks before removing a variant only when it has text', () => {
    expect(hasText({ subject: '', html: '<p></p>' })).toBe(false);
    expect(hasText({ subject: '', html: '<p>Hi</p>' })).toBe(true);
  });
});

describe('the winner sentence', () => {
  it('says the split, the share, the wait and the metric in plain words', () => {
    expect(abTestSentence(2, { metric: 'replies', testPercent: '20', waitHours: '24' }, 'en')).toBe(
      '20% of recipients get A or B first; 24 h after the last of them, the variant with more replies goes to the other 80%. With fewer than 5 replies in the test, or a tie, the rest are split evenly too.',
    );
    expect(abTestSentence(3, null, 'en')).toBe('Recipients are split evenly: each gets A, B, or C, for the first message and its thread.');
    expect(abTestSentence(2, { metric: 'clicks', testPercent: '70', waitHours: '24' }, 'en')).toBe('Give a test share from 5% to 50% and a wait from 1 to 336 hours.');
  });
});
