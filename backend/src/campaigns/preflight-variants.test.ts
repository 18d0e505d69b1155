import { describe, expect, it } from 'vitest';
import type { PreflightTracking } from '../../../shared/schemas/launch';
import { firstMessageVariant } from '../variants/variant-split';
import { AB_TEST_SMALL, preflightVariants } from './preflight-variants';

const tracked = (count: number): PreflightTracking => ({ mode: 'on', consentField: null, tracked: count, withoutConsent: 0, optedOut: 0 });
const variant = (letter: string) => ({ subject: `Subject ${letter}`, html: `<p>${letter}</p>` });
const campaign = (count: number, testPercent: number | null) => ({
  subject: 'Subject A',
  html: '<p>A</p>',
  text: null,
  variants: ['A', 'B', 'C', 'D', 'E'].slice(0, count).map(variant),
  abTest: testPercent === null ? null : { metric: 'replies' as const, testPercent, waitHours: 24 },
  followUps: [],
  trackClicks: true,
});

describe('preflightVariants', () => {
  it('says what the launch split will do: the test share, those waiting, and the smallest variant as the engine splits it', () => {
    for (const count of [2, 3, 5]) {
      for (const testPercent of [5, 20, 33, 50]) {
        for (const sendable of [1, 7, 30, 101]) {
          // The split as launch writes it (backend/src/variants/variant-split.ts), recipient by recipient.
          const perVariant = Array.from({ length: count }, () => 0);
          let waiting = 0;
          for (let k = 0; k < sendable; k++) {
            const got = firstMessageVariant(k, count, { testPercent });
            if (got === 'held') waiting++;
            else perVariant[got!]!++;
          }
          const answer = preflightVariants(campaign(count, testPercent), sendable, tracked(sendable));
          const label = `${count} variants, ${testPercent}% of ${sendable}`;
          expect(answer.variants, label).toEqual({ count, testRecipients: sendable - waiting, waitingForWinner: waiting });
          expect(answer.warnings.some((w) => w.code === 'ab-test-small'), label).toBe(Math.min(...perVariant) < AB_TEST_SMALL);
          if (answer.warnings.length > 0) expect(answer.warnings[0]!.message, label).toContain(`as few as ${Math.min(...perVariant)} per variant`);
        }
      }
    }
  });

  it('splits everyone without a test, and says nothing for a campaign without variants', () => {
    expect(preflightVariants(campaign(3, null), 10, tracked(10))).toEqual({ blockers: [], warnings: [], variants: { count: 3, testRecipients: 10, waitingForWinner: 0 } });
    expect(preflightVariants(campaign(0, null), 10, tracked(10))).toEqual({ blockers: [], warnings: [], variants: undefined });
  });

  it('blocks a clicks test when the server or the campaign tracks no clicks, or nobody is tracked', () => {
    const clicks = { ...campaign(2, 50), abTest: { metric: 'clicks' as const, testPercent: 50, waitHours: 24 } };
    const blocked = (c: typeof clicks, tracking: PreflightTracking) => preflightVariants(c, 20, tracking).blockers.map((b) => b.code);
    expect(blocked(clicks, tracked(20))).toEqual([]);
    expect(blocked({ ...clicks, trackClicks: false }, tracked(20))).toEqual(['ab-clicks-untracked']);
    expect(blocked(clicks, { ...tracked(0), mode: 'off' })).toEqual(['ab-clicks-untracked']);
    expect(blocked(clicks, { ...tracked(0), mode: 'consent', withoutConsent: 20 })).toEqual(['ab-clicks-untracked']);
  });
});
