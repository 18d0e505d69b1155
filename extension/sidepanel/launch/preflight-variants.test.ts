import { describe, expect, it } from 'vitest';
import { preflightVariantsLine } from './preflight-variants';

describe('the preflight’s variants line', () => {
  it('says how many variants, who is in the test and who waits for the winner', () => {
    expect(preflightVariantsLine({ count: 2, testRecipients: 40, waitingForWinner: 160 }, 'en')).toBe('2 variants, 40 in the test, 160 wait for the winner');
    expect(preflightVariantsLine({ count: 3, testRecipients: 1200, waitingForWinner: 0 }, 'en')).toBe('3 variants, split evenly among 1,200 recipients');
    expect(preflightVariantsLine({ count: 1, testRecipients: 0, waitingForWinner: 0 }, 'en')).toBeNull();
  });
});
