import { describe, expect, it } from 'vitest';
import { MIN_DECISION_EVENTS, pickWinner, type VariantTally } from './pick-winner';

const at = new Date('2026-03-02T10:00:00Z');
const tally = (variant: number, sent: number, replied: number, humanClicks = 0, tracked = sent): VariantTally => ({ variant, sent, tracked, replied, humanClicks, lastSentAt: at });

describe('picking the winner', () => {
  it('picks the best reply rate, with each variant\'s figures', () => {
    const decision = pickWinner({ tallies: [tally(0, 10, 1), tally(1, 8, 4), tally(2, 10, 2)], variantCount: 3, metric: 'replies', decidedAt: at });
    expect(decision).toEqual({
      decidedAt: at.toISOString(),
      metric: 'replies',
      outcome: 'winner',
      winner: 1,
      minimumEvents: MIN_DECISION_EVENTS,
      variants: [
        { index: 0, sent: 10, events: 1, base: 10, rate: 0.1 },
        { index: 1, sent: 8, events: 4, base: 8, rate: 0.5 },
        { index: 2, sent: 10, events: 2, base: 10, rate: 0.2 },
      ],
    });
  });

  it('judges clicks by people per tracked message', () => {
    const decision = pickWinner({ tallies: [tally(0, 10, 9, 3, 10), tally(1, 10, 0, 3, 5)], variantCount: 2, metric: 'clicks', decidedAt: at });
    expect(decision).toMatchObject({ outcome: 'winner', winner: 1, variants: [{ events: 3, base: 10, rate: 0.3 }, { events: 3, base: 5, rate: 0.6 }] });
  });

  it('says too-few under the minimum of events, tie when the best two are equal, and counts a variant never sent as 0', () => {
    expect(pickWinner({ tallies: [tally(0, 10, 0), tally(1, 10, 4)], variantCount: 2, metric: 'replies', decidedAt: at })).toMatchObject({ outcome: 'too-few', winner: null });
    expect(pickWinner({ tallies: [tally(0, 10, 3), tally(1, 10, 3), tally(2, 10, 1)], variantCount: 3, metric: 'replies', decidedAt: at })).toMatchObject({ outcome: 'tie', winner: null });
    expect(pickWinner({ tallies: [tally(1, 10, 5)], variantCount: 2, metric: 'replies', decidedAt: at }).variants[0]).toEqual({ index: 0, sent: 0, events: 0, base: 0, rate: 0 });
  });
});
