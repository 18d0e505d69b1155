import { describe, expect, it } from 'vitest';
import { abDecisionSentence } from './ab-decision-sentence';

const base = { decidedAt: '2026-03-10T13:00:00Z', metric: 'replies' as const, minimumEvents: 5 };

describe('the A/B decision sentence', () => {
  it('names the winner with every variant’s rate and counts, best first', () => {
    const decision = { ...base, outcome: 'winner' as const, winner: 1, variants: [{ index: 0, sent: 50, events: 2, rate: 0.04 }, { index: 1, sent: 50, events: 6, rate: 0.12 }] };
    expect(abDecisionSentence(decision, 'en')).toBe('B won the test on replies: B 12% (6 of 50) and A 4% (2 of 50). B went to the rest.');
  });

  it('says a tie and too few for what they are, and that the rest were split', () => {
    // Clicks are of the tracked messages (a consent column may leave some untracked), and say so.
    const tie = { ...base, metric: 'clicks' as const, outcome: 'tie' as const, winner: null, variants: [{ index: 0, sent: 12, events: 3, base: 10, rate: 0.3 }, { index: 1, sent: 10, events: 3, base: 10, rate: 0.3 }] };
    expect(abDecisionSentence(tie, 'en')).toBe('A tie on people clicking: A 30% (3 of 10 tracked) and B 30% (3 of 10 tracked). The rest were split evenly.');
    const few = { ...base, outcome: 'too-few' as const, winner: null, variants: [{ index: 0, sent: 10, events: 1, rate: 0.1 }, { index: 1, sent: 10, events: 0, rate: 0 }] };
    expect(abDecisionSentence(few, 'en')).toBe('Too few to pick a winner: 1 reply in the test, fewer than 5. The rest were split evenly.');
  });
});
