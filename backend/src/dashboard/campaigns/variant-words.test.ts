import { describe, expect, it } from 'vitest';
import type { AbDecision } from '../../../../shared/schemas/variants';
import { decisionSentence, splitSentence } from './variant-words';

const decision = (outcome: AbDecision['outcome'], variants: [number, number][], winner: number | null = null, metric: AbDecision['metric'] = 'replies'): AbDecision => ({
  decidedAt: '2026-03-03T10:00:00.000Z',
  metric,
  outcome,
  winner,
  minimumEvents: 5,
  variants: variants.map(([events, sent], index) => ({ index, sent, events, rate: sent > 0 ? events / sent : 0 })),
});

describe('the A/B decision in words', () => {
  it('names the winner and the figures it won on', () => {
    expect(decisionSentence(decision('winner', [[1, 50], [4, 50]], 1))).toBe('B won on replies: 4 of 50 (8%) vs 1 of 50 (2%)');
    expect(decisionSentence(decision('winner', [[1, 1000], [3, 1000], [12, 1000]], 2, 'clicks'))).toBe(
      "C won on people's clicks: 12 of 1,000 (1.2%) vs A 1 of 1,000 (0.1%), B 3 of 1,000 (0.3%)",
    );
  });

  it('says why the split was kept: a tie, or too few events', () => {
    expect(decisionSentence(decision('tie', [[4, 50], [4, 50], [1, 50]]))).toBe('Kept the split: A and B tied on replies: 4 of 50 (8%) vs 4 of 50 (8%)');
    expect(decisionSentence(decision('too-few', [[1, 50], [2, 50]]))).toBe('Kept the split: too few replies (3, need 5)');
  });

  it('says how the split works before a decision', () => {
    expect(splitSentence(null, true)).toBe('Recipients are split evenly between the variants, for good.');
    expect(splitSentence({ metric: 'replies', testPercent: 20, waitHours: 24 }, false)).toBe(
      'Once launched, 20% of recipients get the variants first; the one with the most replies goes to the rest 24 hours after the last of them is sent.',
    );
  });
});
